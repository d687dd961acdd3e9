package ru.gov.tomsk.opendata.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowDiffTest {

    static final Structure STRUCTURE = new Structure(List.of("id"), List.of(
            new Field("id", null, "Id", "Ид", FieldType.INTEGER, true, null),
            new Field("name", null, "Name", "Имя", FieldType.STRING, false, null)), null);

    @TempDir
    Path dir;

    @Test
    void countsAddedChangedAndRemovedByKey() {
        try (RowIndex before = index("before", new String[][] {{"1", "a"}, {"2", "b"}, {"3", "c"}, {"4", null}});
             RowIndex now = index("now", new String[][] {{"1", "a"}, {"2", "B"}, {"4", ""}, {"5", "e"}, {"6", "f"}})) {
            RowDiff diff = RowDiff.compare(now, before);
            // 2 changed its text; 4 went from no value to an empty one, which is a different value
            assertThat(diff).extracting(RowDiff::added, RowDiff::changed, RowDiff::removed, RowDiff::duplicateCount)
                    .containsExactly(2L, 2L, 1L, 0L);
            assertThat(diff.provenance(false, 5)).isEqualTo("Добавлено: 2, изменено: 2, удалено: 1 (всего 5 записей)");
        }
    }

    @Test
    void findsEveryRepeatedKeyAmongManyWithTheRowsOfBothOccurrences() {
        int n = 200_000;
        String[][] records = new String[n + 2][];
        for (int i = 0; i < n; i++) {
            records[i] = new String[] {String.valueOf(i), "x" + i};
        }
        records[n] = new String[] {"777", "again"};
        records[n + 1] = new String[] {"199999", "again"};
        try (RowIndex now = index("many", records)) {
            RowDiff diff = RowDiff.compare(now, null);
            assertThat(diff.added()).isEqualTo(n);
            assertThat(diff.duplicateCount()).isEqualTo(2);
            assertThat(diff.duplicates()).containsExactly(
                    new RowDiff.Duplicate("id=777", n + 1, 778),
                    new RowDiff.Duplicate("id=199999", n + 2, n));
        }
    }

    private RowIndex index(String name, String[][] records) {
        RowIndex index = new RowIndex(dir.resolve(name), STRUCTURE);
        for (int i = 0; i < records.length; i++) {
            index.add(records[i], i + 1);
        }
        return index.seal();
    }
}
