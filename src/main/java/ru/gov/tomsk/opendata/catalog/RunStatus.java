package ru.gov.tomsk.opendata.catalog;

/** Outcome of one feed run. */
public enum RunStatus {
    /** still going */
    RUNNING,
    /** a new data version was published */
    PUBLISHED,
    /** the source was read and nothing changed; {@code valid} moved forward */
    UNCHANGED,
    /** a guard held the new version back for an operator; the previous version stays published */
    HELD,
    /** the run failed; the previous version stays published */
    FAILED,
    /** the feed file itself is broken, so the feed cannot run */
    INVALID
}
