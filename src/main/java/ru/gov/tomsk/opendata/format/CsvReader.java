package ru.gov.tomsk.opendata.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the CSV dialect {@link CsvWriter} writes (RFC 4180: quoted fields may hold commas,
 * doubled quotes and line breaks), one record at a time. An empty unquoted field reads as {@code null},
 * matching "empty field = no value".
 */
public final class CsvReader implements Closeable {

    private final Reader in;
    private long line = 1;
    private int peeked = -2;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The next record, or {@code null} at the end of the input. */
    public String[] next() throws IOException {
        if (peek() == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new IOException("line " + line + ": the file ends inside a quoted field");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c != -1) {
                    line++;
                }
                fields.add(value(field, wasQuoted));
                return fields.toArray(String[]::new);
            } else {
                field.append((char) c);
            }
        }
    }

    /** The line the next record starts on (1-based), for messages. */
    public long line() {
        return line;
    }

    private static String value(StringBuilder field, boolean quoted) {
        return field.isEmpty() && !quoted ? null : field.toString();
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
