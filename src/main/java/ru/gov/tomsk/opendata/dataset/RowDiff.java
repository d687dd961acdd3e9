package ru.gov.tomsk.opendata.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a new version with the previous one by key, partition by partition, and finds keys that
 * occur more than once in the new version.
 *
 * @param added      keys only in the new version
 * @param changed    keys in both whose values differ
 * @param removed    keys only in the previous version
 * @param duplicates later occurrences of a key, at most {@value #MAX_REPORTED} of them listed
 * @param duplicateCount all later occurrences
 */
public record RowDiff(long added, long changed, long removed, List<Duplicate> duplicates, long duplicateCount) {

    static final int MAX_REPORTED = 1000;

    /** A record whose key an earlier record already has. */
    public record Duplicate(String key, long row, long firstRow) {
    }

    /** @param previous the previous version's index, or {@code null} for a first publication */
    public static RowDiff compare(RowIndex current, RowIndex previous) {
        long added = 0;
        long changed = 0;
        long removed = 0;
        long duplicateCount = 0;
        List<Duplicate> duplicates = new ArrayList<>();
        for (int p = 0; p < RowIndex.PARTITIONS; p++) {
            Map<String, RowIndex.Entry> now = new HashMap<>();
            for (RowIndex.Entry entry : current.read(p)) {
                RowIndex.Entry first = now.putIfAbsent(entry.key(), entry);
                if (first != null) {
                    duplicateCount++;
                    if (duplicates.size() < MAX_REPORTED) {
                        duplicates.add(new Duplicate(entry.key(), entry.row(), first.row()));
                    }
                }
            }
            if (previous == null) {
                added += now.size();
                continue;
            }
            Map<String, Long> before = new HashMap<>();
            for (RowIndex.Entry entry : previous.read(p)) {
                before.putIfAbsent(entry.key(), entry.rowHash());
            }
            for (RowIndex.Entry entry : now.values()) {
                Long old = before.remove(entry.key());
                if (old == null) {
                    added++;
                } else if (old != entry.rowHash()) {
                    changed++;
                }
            }
            removed += before.size();
        }
        duplicates.sort(java.util.Comparator.comparingLong(Duplicate::row));
        return new RowDiff(added, changed, removed, duplicates, duplicateCount);
    }

    /** For people: the passport's {@code provenance} and the run record. */
    public String provenance(boolean firstPublication, long rows) {
        if (firstPublication) {
            return "Первая публикация: " + rows + " " + RussianPlural.records(rows);
        }
        return "Добавлено: " + added + ", изменено: " + changed + ", удалено: " + removed
                + " (всего " + rows + " " + RussianPlural.records(rows) + ")";
    }
}
