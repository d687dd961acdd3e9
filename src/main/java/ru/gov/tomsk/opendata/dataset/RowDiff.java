package ru.gov.tomsk.opendata.dataset;

import java.util.ArrayList;
import java.util.List;

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
            RowIndex.Partition now = current.read(p);
            // key hash -> index of its first occurrence; primitive, so a partition costs ~20 bytes a record
            LongIntMap first = new LongIntMap(now.size());
            List<int[]> repeated = new ArrayList<>();
            long repeats = 0;
            for (int i = 0; i < now.size(); i++) {
                int earlier = first.putIfAbsent(now.keyHashes()[i], i);
                if (earlier >= 0) {
                    repeats++;
                    duplicateCount++;
                    if (duplicates.size() + repeated.size() < MAX_REPORTED) {
                        repeated.add(new int[] {i, earlier});
                    }
                }
            }
            if (!repeated.isEmpty()) {
                List<String> keys = current.keys(p);
                for (int[] r : repeated) {
                    duplicates.add(new Duplicate(keys.get(r[0]), now.rows()[r[0]], now.rows()[r[1]]));
                }
            }
            long unique = now.size() - repeats;
            if (previous == null) {
                added += unique;
                continue;
            }
            RowIndex.Partition before = previous.read(p);
            LongIntMap seen = new LongIntMap(before.size());
            long matched = 0;
            for (int j = 0; j < before.size(); j++) {
                long keyHash = before.keyHashes()[j];
                if (seen.putIfAbsent(keyHash, j) >= 0) {
                    continue; // a duplicate in the previous version counts once
                }
                int i = first.get(keyHash);
                if (i < 0) {
                    removed++;
                } else {
                    matched++;
                    if (now.rowHashes()[i] != before.rowHashes()[j]) {
                        changed++;
                    }
                }
            }
            added += unique - matched;
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
