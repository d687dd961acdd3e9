package ru.gov.tomsk.opendata.catalog;

import java.util.List;

import ru.gov.tomsk.opendata.dataset.DepartmentMessage;

/**
 * A record the gate rejected in a run: where it was, what was wrong. Never published.
 *
 * @param reason in the department's words: plain Russian, then «Подробности: » and the technical reason
 */
public record QuarantineEntry(long row, String key, String field, String value, String reason) {

    /** A record whose key an earlier record of the same run already has. */
    public static QuarantineEntry duplicateKey(long row, String key, List<String> keyFields, long firstRow) {
        return new QuarantineEntry(row, key, String.join(",", keyFields), null, new DepartmentMessage(
                "Такой же ключ уже есть у строки " + firstRow + ": ключ у каждой строки должен быть своим.",
                "duplicate key: row " + firstRow + " has the same key").text());
    }
}
