package ru.gov.tomsk.opendata.source.payload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/** Column names from a header row (CSV, XLSX), checked before any record is read. */
final class Header {

    private Header() {
    }

    /**
     * The names trimmed (spreadsheets keep stray spaces around headings), a BOM dropped. Empty and repeated
     * names are refused: the pipeline matches columns to fields case-insensitively, so "ИНН" and "инн" would be
     * the same column and one of them would silently win.
     *
     * @param where       the header's place for messages, e.g. "orgs.csv: line 1"
     * @param columnLabel how messages name the column at a position, e.g. "column 3" or "cell C1"
     */
    static List<String> names(List<String> raw, String where, IntFunction<String> columnLabel) {
        List<String> names = new ArrayList<>(raw.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.get(i) == null ? "" : raw.get(i).replace("\uFEFF", "").strip();
            if (name.isEmpty()) {
                throw new PayloadException(where + ": " + columnLabel.apply(i) + " of the header is empty;"
                        + " every column needs a name");
            }
            Integer first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            if (first != null) {
                throw new PayloadException(where + ": the header names " + PayloadException.excerpt(name) + " twice ("
                        + columnLabel.apply(first) + " and " + columnLabel.apply(i)
                        + "; names are compared ignoring case)");
            }
            names.add(name);
        }
        return names;
    }
}
