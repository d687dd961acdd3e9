package ru.gov.tomsk.opendata.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The CSV dialect of every published file (standard §3): RFC 4180, comma, CRLF record ends, a field
 * is quoted only when it holds a comma, quote, CR or LF, and an empty field means no value.
 * Hand-written rather than a library dialect so that the bytes are exactly what positional
 * consumers expect (no quoted empty first fields, no BOM).
 */
public final class CsvWriter implements Closeable {

    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public void row(List<String> values) throws IOException {
        row(values.toArray(String[]::new));
    }

    public void row(String... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(values[i]);
        }
        out.write("\r\n");
    }

    private void writeField(String value) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
