package ru.gov.tomsk.opendata.feed;

/**
 * When a new version is held for an operator instead of being published. The defaults catch a
 * broken source (a view that suddenly returns half its rows, a format change that rejects most
 * records) without holding ordinary updates.
 *
 * @param maxRejectedPercent more rejected records than this share of the records read holds the version
 * @param maxRemovedPercent  more removed keys than this share of the previous version's records holds it
 */
public record Guards(double maxRejectedPercent, double maxRemovedPercent) {

    public static final Guards DEFAULT = new Guards(10, 50);
}
