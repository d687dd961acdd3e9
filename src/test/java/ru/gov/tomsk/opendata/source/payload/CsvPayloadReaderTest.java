package ru.gov.tomsk.opendata.source.payload;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.support.GeneratedLines;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.source.payload.Payloads.failure;
import static ru.gov.tomsk.opendata.source.payload.Payloads.readAll;
import static ru.gov.tomsk.opendata.source.payload.Payloads.record;

class CsvPayloadReaderTest {

    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** What a department's register looks like: quotes, separators and a line break inside values, empty cells. */
    private static final List<List<String>> ORGANISATIONS = List.of(
            List.of("ИНН", "Наименование", "Адрес", "Дата регистрации", "Сумма"),
            List.of("7017069388", "ООО \"Ромашка\"", "г. Томск, ул. Ленина, д. 1; офис 5", "15.01.2024", "1234,56"),
            List.of("7017000001", "МАОУ СОШ № 4 им. И.С. Черных", "г. Томск,\nпр. Ленина, 80", "01.09.1998", ""),
            List.of("7017000002", "Детский сад «Солнышко»", "", "31.12.2023", "0,5"));

    @Test
    void windows1251WithSemicolonsAndUtf8BomWithCommasReadToIdenticalRecords() {
        byte[] russianExcel = csv(ORGANISATIONS, ';').getBytes(CP1251);
        byte[] utf8Excel = concat(BOM, csv(ORGANISATIONS, ',').getBytes(StandardCharsets.UTF_8));

        List<Map<String, Object>> fromCp1251 = readAll(new CsvPayloadReader(), russianExcel, "orgs-1251.csv");
        List<Map<String, Object>> fromUtf8 = readAll(new CsvPayloadReader(), utf8Excel, "orgs-utf8.csv");

        assertThat(fromCp1251).isEqualTo(fromUtf8).hasSize(3);
        assertThat(fromUtf8.get(0)).containsExactly(
                Map.entry("ИНН", "7017069388"),
                Map.entry("Наименование", "ООО \"Ромашка\""),
                Map.entry("Адрес", "г. Томск, ул. Ленина, д. 1; офис 5"),
                Map.entry("Дата регистрации", "15.01.2024"),
                Map.entry("Сумма", "1234,56"));
        assertThat(fromUtf8.get(1)).containsEntry("Адрес", "г. Томск,\nпр. Ленина, 80").containsEntry("Сумма", null);
        assertThat(fromUtf8.get(2)).containsEntry("Адрес", null).containsEntry("Наименование", "Детский сад «Солнышко»");
        assertThat(fromUtf8.get(2).keySet()).containsExactly("ИНН", "Наименование", "Адрес", "Дата регистрации", "Сумма");
    }

    @Test
    void utf8WithoutBomAndTabsAreDetected() {
        byte[] payload = csv(ORGANISATIONS, '\t').getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(new CsvPayloadReader(), payload, "orgs.tsv"))
                .isEqualTo(readAll(new CsvPayloadReader(), csv(ORGANISATIONS, ';').getBytes(CP1251), "orgs.csv"));
    }

    @Test
    void utf8IsRecognisedWhenACyrillicLetterIsCutByTheEndOfTheSample() {
        // the 64 KiB sample ends in the middle of a two-byte "Ж": still UTF-8, not Windows-1251
        StringBuilder text = new StringBuilder("Код;Имя\n");
        int headerBytes = "Код;Имя\n".getBytes(StandardCharsets.UTF_8).length;
        text.append("1;a\n".repeat((CsvCharsets.SAMPLE_BYTES - 2 - headerBytes) / 4));
        int padding = CsvCharsets.SAMPLE_BYTES - 2 - text.toString().getBytes(StandardCharsets.UTF_8).length;
        text.append("a".repeat(padding)).append(";Жук\n");
        byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(payload[CsvCharsets.SAMPLE_BYTES - 1]).isEqualTo((byte) 0xD0); // first byte of "Ж"

        List<Map<String, Object>> records = readAll(new CsvPayloadReader(), payload, "long.csv");

        assertThat(records.get(records.size() - 1)).containsEntry("Имя", "Жук");
    }

    @Test
    void explicitSeparatorAndCharsetOverrideDetection() {
        // detection would see 2 ',' against 1 ';' and choose wrongly; the feed knows better
        byte[] payload = "Адрес, корпус, квартира;Район\nЛенина 1, к. 2, кв. 3;Советский\n".getBytes(CP1251);

        List<Map<String, Object>> records = readAll(new CsvPayloadReader(';', '"', CP1251), payload, "addr.csv");

        assertThat(records).containsExactly(record("Адрес, корпус, квартира", "Ленина 1, к. 2, кв. 3", "Район", "Советский"));
        assertThat(readAll(new CsvPayloadReader(), payload, "addr.csv").get(0)).containsOnlyKeys("Адрес", "корпус",
                "квартира;Район");
    }

    @Test
    void explicitUtf8OnAWindows1251FileFailsWithAHintInsteadOfGarbling() {
        byte[] payload = csv(ORGANISATIONS, ';').getBytes(CP1251);

        String message = failure(new CsvPayloadReader(null, '"', StandardCharsets.UTF_8), payload, "orgs.csv");

        assertThat(message).startsWith("orgs.csv: near line 1: bytes that are not valid utf-8")
                .contains("charset: windows-1251");
    }

    @Test
    void aUtf8ByteOrderMarkContradictingAnExplicitCharsetIsRefused() {
        byte[] payload = concat(BOM, "ИНН;Имя\n1;а\n".getBytes(StandardCharsets.UTF_8));

        assertThat(failure(new CsvPayloadReader(null, '"', CP1251), payload, "orgs.csv"))
                .contains("UTF-8 byte order mark").contains("windows-1251");
        assertThat(readAll(new CsvPayloadReader(null, '"', StandardCharsets.UTF_8), payload, "orgs.csv"))
                .containsExactly(record("ИНН", "1", "Имя", "а"));
    }

    @Test
    void quotedFieldsKeepSeparatorsDoubledQuotesAndLineBreaks() {
        String text = "id;Наименование;Примечание\r\n"
                + "1;\"ООО \"\"Вектор\"\"; филиал\";\"строка 1\r\nстрока 2\nстрока 3\"\r\n"
                + "2;\"\";просто текст с \"кавычкой\" внутри\r\n"
                + "\r\n"
                + "3;'одинарные';\"\"\"\"\r\n";

        List<Map<String, Object>> records = readAll(new CsvPayloadReader(), text.getBytes(StandardCharsets.UTF_8),
                "notes.csv");

        assertThat(records).containsExactly(
                record("id", "1", "Наименование", "ООО \"Вектор\"; филиал", "Примечание", "строка 1\r\nстрока 2\nстрока 3"),
                record("id", "2", "Наименование", null, "Примечание", "просто текст с \"кавычкой\" внутри"),
                record("id", "3", "Наименование", "'одинарные'", "Примечание", "\""));
    }

    @Test
    void anotherQuoteCharacterCanBeSet() {
        byte[] payload = "id,Имя\n1,'Иванов, Иван'\n".getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(new CsvPayloadReader(null, '\'', null), payload, "q.csv"))
                .containsExactly(record("id", "1", "Имя", "Иванов, Иван"));
    }

    @Test
    void aRaggedRowIsRejectedWithItsLineAndRecordNumber() {
        // record 2 spans lines 3-4, so the ragged record 3 starts on line 5
        String text = "ИНН;Наименование;Адрес\n"
                + "1;Школа № 1;Томск\n"
                + "2;\"Школа\n№ 2\";Северск\n"
                + "3;Школа № 3\n"
                + "4;Школа № 4;Асино\n";

        String message = failure(new CsvPayloadReader(), text.getBytes(StandardCharsets.UTF_8), "orgs.csv");

        assertThat(message).isEqualTo("orgs.csv: line 5 (record 3): 2 fields, the header has 3");
    }

    @Test
    void recordsBeforeARaggedRowAreDelivered() {
        byte[] payload = "a;b\n1;2\n3;4;5\n".getBytes(StandardCharsets.UTF_8);
        try (RecordStream records = new CsvPayloadReader().open(new ByteArrayInputStream(payload), "r.csv")) {
            assertThat(records.next()).isEqualTo(record("a", "1", "b", "2"));
            assertThat(failure(records::hasNext)).isEqualTo("r.csv: line 3 (record 2): 3 fields, the header has 2");
        }
    }

    @Test
    void emptyAndRepeatedHeaderNamesAreErrors() {
        assertThat(failure(new CsvPayloadReader(), "ИНН;;Адрес\n1;2;3\n".getBytes(StandardCharsets.UTF_8), "h.csv"))
                .isEqualTo("h.csv: line 1: column 2 of the header is empty; every column needs a name");
        assertThat(failure(new CsvPayloadReader(), "ИНН;Адрес;инн\n1;2;3\n".getBytes(StandardCharsets.UTF_8), "h.csv"))
                .isEqualTo("h.csv: line 1: the header names 'инн' twice (column 1 and column 3; names are compared"
                        + " ignoring case)");
    }

    @Test
    void headerNamesAreTrimmed() {
        byte[] payload = " ИНН ; Имя\n1;Иван\n".getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(new CsvPayloadReader(), payload, "t.csv")).containsExactly(record("ИНН", "1", "Имя", "Иван"));
    }

    @Test
    void anUnclosedQuoteNamesWhereItOpens() {
        byte[] payload = "id;Имя\n1;Иван\n2;\"Пётр\n3;Анна\n".getBytes(StandardCharsets.UTF_8);

        assertThat(failure(new CsvPayloadReader(), payload, "q.csv")).isEqualTo(
                "q.csv: line 3 (record 2): the file ends inside the quoted field 2 that opens on line 3 (a quote is missing)");
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        byte[] payload = "id;Имя\n1;\"ООО \"Ромашка\"\"\n".getBytes(StandardCharsets.UTF_8);

        assertThat(failure(new CsvPayloadReader(), payload, "q.csv"))
                .startsWith("q.csv: line 2 (record 1): field 2 has text after its closing quote")
                .contains("must be doubled");
    }

    @Test
    void aFieldLongerThanAMillionCharactersIsRefusedWithAShortExcerpt() {
        String huge = "Ж".repeat(PayloadReader.MAX_VALUE_CHARS + 1);
        byte[] payload = ("id;Текст\n1;" + huge + "\n").getBytes(StandardCharsets.UTF_8);

        String message = failure(new CsvPayloadReader(), payload, "big.csv");

        assertThat(message).startsWith("big.csv: line 2 (record 1): field 2 is longer than 1000000 characters")
                .hasSizeLessThan(250);
    }

    @Test
    void ambiguousSeparatorAndUtf16AndEmptyFilesAreExplained() {
        assertThat(failure(new CsvPayloadReader(), "a,b;c\n".getBytes(StandardCharsets.UTF_8), "s.csv"))
                .contains("cannot tell the separator").contains("set the option separator");
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "a;b\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(failure(new CsvPayloadReader(), utf16, "u.csv")).contains("UTF-16");
        assertThat(failure(new CsvPayloadReader(), new byte[0], "e.csv")).contains("the file is empty");
    }

    @Test
    void aSingleColumnNeedsNoSeparator() {
        byte[] payload = "Район\nКировский\n\nЛенинский".getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(new CsvPayloadReader(), payload, "one.csv"))
                .containsExactly(record("Район", "Кировский"), record("Район", "Ленинский"));
    }

    @Test
    void closingTheRecordsClosesTheInput() {
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8))) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        try (RecordStream records = new CsvPayloadReader().open(in, "c.csv")) {
            assertThat(records.hasNext()).isTrue();
        }
        assertThat(closed[0]).isTrue();
    }

    @Test
    void aMillionRowsStreamThroughACountingLoop() {
        int rows = 1_000_000;
        long count = 0;
        Map<String, Object> last = null;
        try (RecordStream records = new CsvPayloadReader().open(
                // Windows-1251 with ';', made as it is read, so the test itself holds no file in memory either
                GeneratedLines.lines("№;Наименование;Сумма\r\n", CP1251, rows,
                        row -> row + ";\"Организация № " + row + "; г. Томск\";999,99\r\n"), "million.csv")) {
            while (records.hasNext()) {
                last = records.next(); // nothing is kept but the latest record
                count++;
            }
        }
        assertThat(count).isEqualTo(rows);
        assertThat(last).containsEntry("№", String.valueOf(rows))
                .containsEntry("Наименование", "Организация № " + rows + "; г. Томск")
                .containsEntry("Сумма", "999,99");
    }

    static String csv(List<List<String>> rows, char separator) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i);
                if (i > 0) {
                    text.append(separator);
                }
                boolean quote = value.indexOf(separator) >= 0 || value.contains("\"") || value.contains("\n");
                text.append(quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
            }
            text.append("\r\n");
        }
        return text.toString();
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
