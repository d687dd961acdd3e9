package ru.gov.tomsk.opendata.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The clean-up's tally through the record mapper: per field and kind, published records only, with examples. */
class TextCleanupTest {

    static final Structure STRUCTURE = new Structure(List.of("id"), List.of(
            new Field("id", null, "Id", "Ид", FieldType.INTEGER, true, null),
            new Field("name", null, "Name", "Имя", FieldType.STRING, true, null),
            new Field("note", null, "Note", "Примечание", FieldType.STRING, false, null, null, null, true)), null);

    final TextCleanup cleanup = new TextCleanup(STRUCTURE.fieldNames(), 2);
    final RecordMapper mapper = new RecordMapper(STRUCTURE, new ValueConverter(ZoneId.of("Asia/Tomsk")), cleanup);

    @Test
    void countsPerFieldAndKindOnlyForPublishedRecords() {
        publish(" 1", "control\u0007bell", "a\r\nb");
        publish("2", " Школа ", "x\u0085y\u0001");
        publish("3", "и\u0306", null);
        // rejected: its changed name does not count
        reject("4", "  \u0007 ", "z ");
        publish("5", "clean", "clean");

        assertThat(cleanup.counts()).extracting(CleanupCount::field, CleanupCount::kind, CleanupCount::values)
                .containsExactly(
                        tuple("id", CleanupKind.EDGES, 1L),
                        tuple("name", CleanupKind.CONTROL_CHARACTERS, 1L),
                        tuple("name", CleanupKind.EDGES, 1L),
                        tuple("name", CleanupKind.NFC, 1L),
                        // the note keeps CR, NEL: only U+0001 is removed
                        tuple("note", CleanupKind.CONTROL_CHARACTERS, 1L));
        assertThat(CleanupCount.summary(cleanup.counts()))
                .isEqualTo("id: 1 edges; name: 1 control characters, 1 edges, 1 NFC; note: 1 control characters");
    }

    @Test
    void examplesShowInvisibleCharactersAndStopAtTheLimit() {
        publish("1", "control\u0007bell", null);
        publish("2", "bell\u0007", null);
        publish("3", "third\u0007", null);
        publish("4", "\u00A0Школа", "x\u0085y\u0001");
        publish("5", "и\u0306", null);

        assertThat(cleanup.examples()).extracting(CleanupExample::field, CleanupExample::kind, CleanupExample::before,
                CleanupExample::after).containsExactly(
                tuple("name", CleanupKind.CONTROL_CHARACTERS, "control⟨U+0007⟩bell", "controlbell"),
                tuple("name", CleanupKind.CONTROL_CHARACTERS, "bell⟨U+0007⟩", "bell"),
                tuple("name", CleanupKind.EDGES, "⟨U+00A0⟩Школа", "Школа"),
                tuple("note", CleanupKind.CONTROL_CHARACTERS, "x⟨U+0085⟩y⟨U+0001⟩", "x⟨U+0085⟩y"),
                tuple("name", CleanupKind.NFC, "и⟨U+0306⟩", "й"));
        // the third control-character example of name is over the limit of two, but it still counts
        assertThat(cleanup.counts()).filteredOn(c -> c.field().equals("name") && c.kind() == CleanupKind.CONTROL_CHARACTERS)
                .extracting(CleanupCount::values).containsExactly(3L);
    }

    @Test
    void aLongExampleKeepsItsStartAndEnd() {
        String raw = "  " + "а".repeat(200) + "я";

        assertThat(CleanupExample.visible(raw)).isEqualTo("  " + "а".repeat(58) + "…" + "а".repeat(59) + "я");
    }

    private void publish(String id, String name, String note) {
        mapper.map(row(id, name, note));
        cleanup.published();
    }

    private void reject(String id, String name, String note) {
        assertThatThrownBy(() -> mapper.map(row(id, name, note))).isInstanceOf(RejectedValueException.class);
        cleanup.rejected();
    }

    private static Map<String, Object> row(String id, String name, String note) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("note", note);
        return row;
    }
}
