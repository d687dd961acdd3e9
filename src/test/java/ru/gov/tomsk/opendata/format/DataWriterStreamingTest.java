package ru.gov.tomsk.opendata.format;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.format.FormatFixture.STRUCTURE;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The data writers hold one record at a time, and an empty dataset is still a complete document. */
class DataWriterStreamingTest {

    private static final int RECORDS = 200_000;

    /**
     * What a writer may legitimately hold back: a 64 Ki-char buffer at up to 3 UTF-8 bytes per char plus
     * the encoder's, or Jackson's 8 KB. The file itself is tens of megabytes.
     */
    private static final long BUFFERED = 256 * 1024;

    static List<Arguments> writers() {
        return List.of(
                Arguments.of("json", (FormatFixture.Format) JsonDataWriter::new),
                Arguments.of("xml", (FormatFixture.Format) XmlDataWriter::new),
                Arguments.of("geojson", (FormatFixture.Format) GeoJsonDataWriter::new),
                Arguments.of("csv", (FormatFixture.Format) CsvDataWriter::new));
    }

    @Test
    void anEmptyDatasetIsACompleteDocument() {
        assertThat(text(FormatFixture.data(JsonDataWriter::new, List.of()))).isEqualTo("[\n]\n");
        assertThat(text(FormatFixture.data(XmlDataWriter::new, List.of())))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data>\n</data>\n");
        assertThat(text(FormatFixture.data(GeoJsonDataWriter::new, List.of())))
                .isEqualTo("{\"type\":\"FeatureCollection\",\"features\":[\n]}\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void manyRecordsStreamThroughWithoutAccumulating(String name, FormatFixture.Format format) throws IOException {
        long perRecord = singleRecordSize(format);
        CountingStream out = new CountingStream();

        DataFileWriter writer = format.open(out, STRUCTURE);
        for (int i = 0; i < RECORDS; i++) {
            writer.write(record(i));
        }
        long beforeFinish = out.count;
        writer.finish();

        assertThat(out.closed).as("finish closes the stream").isTrue();
        assertThat(out.count).as("total bytes").isBetween(RECORDS * perRecord * 8 / 10, RECORDS * perRecord * 12 / 10);
        assertThat(out.count - beforeFinish).as("bytes still held by the writer when the last record was written")
                .isLessThanOrEqualTo(BUFFERED);
    }

    /** The bytes one record adds to the file, which the records below vary only slightly around. */
    private static long singleRecordSize(FormatFixture.Format format) {
        return FormatFixture.data(format, List.<String[]>of(record(100_000))).length
                - FormatFixture.data(format, List.of()).length;
    }

    private static String[] record(int i) {
        boolean located = i % 10 != 0;
        return new String[] {Integer.toString(i), "Организация № " + i + ", \"кавычки\" & <разметка>",
                i % 3 == 0 ? null : "строка 1\nстрока 2", (i % 1000) + ".25", Integer.toString(-i), Boolean.toString(i % 2 == 0),
                "2026-03-01", "2026-03-01T10:15:00+07:00", located ? "56.48" + (i % 10) : null, located ? "84.94" + (i % 10) : null};
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Counts and discards, so that only the writer itself could be holding the dataset. */
    private static final class CountingStream extends OutputStream {
        long count;
        boolean closed;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
