package ru.gov.tomsk.opendata.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Renders small CSV documents (passport, registry, structure) to bytes in memory. */
final class Csv {

    @FunctionalInterface
    interface Body {
        void write(CsvWriter csv) throws IOException;
    }

    private Csv() {
    }

    static byte[] render(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            body.write(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
