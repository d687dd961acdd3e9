package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The passport page's preview reader: RFC 4180 as published, and bounded work whatever the file. */
class CsvPreviewTest {

    @Test
    void readsQuotedCommasDoubledQuotesAndLineBreaks() throws IOException {
        String csv = "id,name,note\r\n"
                + "1,\"Детский сад, корпус 2\",\"кавычки \"\"внутри\"\", запятые\"\r\n"
                + "2,Школа,\"Строка один\r\nСтрока два\"\r\n"
                + "3,,\"\"\r\n";
        CsvPreview preview = CsvPreview.read(new StringReader(csv), 10);
        assertThat(preview.header()).containsExactly("id", "name", "note");
        assertThat(preview.rows()).containsExactly(
                List.of("1", "Детский сад, корпус 2", "кавычки \"внутри\", запятые"),
                List.of("2", "Школа", "Строка один\nСтрока два"),
                List.of("3", "", ""));
        assertThat(preview.more()).isFalse();
    }

    @Test
    void stopsAfterTheRequestedRecordsWithoutReadingTheRest() throws IOException {
        // an endless file: the reader can only return if it stops by itself
        Reader endless = new Reader() {
            private final String header = "id,value\r\n";
            private long position;

            @Override
            public int read(char[] buffer, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    buffer[offset + i] = position < header.length() ? header.charAt((int) position) : "1,x\r\n".charAt((int) ((position - header.length()) % 5));
                    position++;
                }
                return length;
            }

            @Override
            public void close() {
            }
        };
        CsvPreview preview = CsvPreview.read(endless, 10);
        assertThat(preview.rows()).hasSize(10).allSatisfy(row -> assertThat(row).containsExactly("1", "x"));
        assertThat(preview.more()).isTrue();
    }

    @Test
    void cutsHugeCellsInsteadOfKeepingThem() throws IOException {
        String huge = "я".repeat(100_000);
        CsvPreview preview = CsvPreview.read(new StringReader("a,b\r\n\"" + huge + "\",2\r\n"), 10);
        assertThat(preview.rows().get(0).get(0)).hasSize(CsvPreview.MAX_CELL + 1).endsWith("…");
        assertThat(preview.rows().get(0).get(1)).isEqualTo("2");
    }

    @Test
    void skipsTheBomAndAcceptsLfLineEnds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "\uFEFFid,name\n1,Томск\n", StandardCharsets.UTF_8);
        CsvPreview preview = CsvPreview.read(file, 10);
        assertThat(preview.header()).containsExactly("id", "name");
        assertThat(preview.rows()).containsExactly(List.of("1", "Томск"));
    }

    @Test
    void anEmptyFileHasNoHeaderAndNoRows() throws IOException {
        CsvPreview preview = CsvPreview.read(new StringReader(""), 10);
        assertThat(preview.header()).isEmpty();
        assertThat(preview.rows()).isEmpty();
    }

    @Test
    void aFileCutInsideQuotesShowsWhatIsThere() throws IOException {
        CsvPreview preview = CsvPreview.read(new StringReader("a,b\r\n1,\"незакрыт"), 10);
        assertThat(preview.rows()).containsExactly(List.of("1", "незакрыт"));
    }
}
