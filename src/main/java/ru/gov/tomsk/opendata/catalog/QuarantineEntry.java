package ru.gov.tomsk.opendata.catalog;

/** A record the gate rejected in a run: where it was, what was wrong. Never published. */
public record QuarantineEntry(long row, String key, String field, String value, String reason) {
}
