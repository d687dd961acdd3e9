package ru.gov.tomsk.opendata.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The one CSV reader, on what each of its users relies: published files read back exactly as {@link CsvWriter}
 * wrote them, line ends of every kind with the right line numbers in errors, and bounded work on hostile input.
 * The payload's own rules (charset, separator detection, header, ragged rows) are in {@code CsvPayloadReaderTest},
 * the preview's in {@code CsvPreviewTest}.
 */
class CsvReaderTest {

    @Test
    void readsBackWhatTheWriterWrote() throws IOException {
        List<String[]> rows = List.of(
                new String[] {"id", "name", "note"},
                new String[] {"1", "Детский сад, корпус 2", "кавычки \"внутри\""},
                new String[] {"2", null, "строка один\r\nстрока два\nстрока три\rчетыре"},
                new String[] {null, "", null});
        StringWriter text = new StringWriter();
        try (CsvWriter writer = new CsvWriter(text)) {
            for (String[] row : rows) {
                writer.row(row);
            }
        }
        List<String[]> read = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text.toString()))) {
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                read.add(row);
            }
        }
        // the writer writes empty text as no value: both read back as null
        assertThat(read).usingRecursiveComparison().isEqualTo(List.of(rows.get(0), rows.get(1), rows.get(2),
                new String[] {null, null, null}));
    }

    @Test
    void anEmptyQuotedFieldIsEmptyTextAndAnEmptyUnquotedOneIsNoValue() throws IOException {
        assertThat(records("a,\"\",\n")).containsExactly(Arrays.asList("a", "", null));
    }

    @Test
    void crLfCrlfAndLoneCrEndRecordsAndCountLinesInsideQuotesToo() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("h\r\n1\n\"a\rb\"\r2\r\n\"unclosed\n")).named("f.csv");
        assertThat(reader.nextRecord()).containsExactly("h");
        assertThat(reader.nextRecord()).containsExactly("1");
        assertThat(reader.nextRecord()).containsExactly("a\rb");
        assertThat(reader.location()).isEqualTo("line 3 (record 2)");
        assertThat(reader.nextRecord()).containsExactly("2");
        assertThat(reader.location()).isEqualTo("line 5 (record 3)");
        assertThatThrownBy(reader::nextRecord).isInstanceOf(CsvReader.Malformed.class).hasMessage(
                "f.csv: line 6 (record 4): the file ends inside the quoted field 1 that opens on line 6 (a quote is missing)");
    }

    @Test
    void aBlankLineIsARecordOfOneEmptyFieldUnlessBlankLinesAreSkipped() throws IOException {
        // a one-column file whose value is missing: the writer writes an empty line
        assertThat(records("v\r\n\r\nx\r\n")).containsExactly(List.of("v"), Arrays.asList((String) null), List.of("x"));
        assertThat(all(new CsvReader(new StringReader("\n\nv\r\n\r\n\nx\n\n")).skippingBlankLines()))
                .containsExactly(List.of("v"), List.of("x"));
    }

    @Test
    void aLeadingByteOrderMarkIsNotPartOfTheFirstName() throws IOException {
        assertThat(records("\uFEFFid,name\n")).containsExactly(List.of("id", "name"));
    }

    @Test
    void separatorAndQuoteCanBeSet() throws IOException {
        assertThat(all(new CsvReader(new StringReader("a;'b;''c'''\n")).separator(';').quote('\'')))
                .containsExactly(List.of("a", "b;'c'"));
        assertThatThrownBy(() -> new CsvReader(new StringReader("")).separator('"'))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAPlainCharacterButTextAfterAClosingQuoteIsRefused() throws IOException {
        assertThat(records("h\n5\" disk\n")).containsExactly(List.of("h"), List.of("5\" disk"));
        assertThatThrownBy(() -> records("h\n\"ООО \"Ромашка\"\"\n")).isInstanceOf(CsvReader.Malformed.class)
                .hasMessage("CSV: line 2 (record 1): field 1 has text after its closing quote, 'ООО \"Р'"
                        + " (a quote inside a quoted field must be doubled: \"\")");
    }

    @Test
    void aLongFieldIsRefusedWithAShortExcerptBeforeItIsKept() {
        String huge = "Ж".repeat(101);
        assertThatThrownBy(() -> all(new CsvReader(new StringReader("h\n" + huge + "\n")).maxFieldChars(100)))
                .isInstanceOf(CsvReader.Malformed.class)
                .hasMessage("CSV: line 2 (record 1): field 1 is longer than 100 characters, starting '"
                        + "Ж".repeat(80) + "…' (an unclosed quote?)");
    }

    @Test
    void aRecordWithMoreFieldsThanAnyStructureIsRefused() throws IOException {
        String wide = ",".repeat(CsvReader.MAX_FIELDS);
        assertThatThrownBy(() -> records(wide + "\n")).isInstanceOf(CsvReader.Malformed.class)
                .hasMessage("CSV: line 1 (header): more than " + CsvReader.MAX_FIELDS + " fields (is the separator right?)");
        assertThat(records(",".repeat(CsvReader.MAX_FIELDS - 1) + "\n").get(0)).hasSize(CsvReader.MAX_FIELDS);
    }

    @Test
    void leniencyAndCuttingAreForPreviewsOnly() throws IOException {
        CsvReader preview = new CsvReader(new StringReader("\"abcdef\",\"x\"y\n\"open")).lenient().cutFieldsAt(3);
        assertThat(preview.nextRecord()).containsExactly("abc…", "xy");
        assertThat(preview.nextRecord()).containsExactly("ope…");
        assertThat(preview.hasMore()).isFalse();
    }

    private static List<List<String>> records(String text) throws IOException {
        return all(new CsvReader(new StringReader(text)));
    }

    private static List<List<String>> all(CsvReader reader) throws IOException {
        List<List<String>> records = new ArrayList<>();
        for (List<String> record = reader.nextRecord(); record != null; record = reader.nextRecord()) {
            records.add(record);
        }
        return records;
    }
}
