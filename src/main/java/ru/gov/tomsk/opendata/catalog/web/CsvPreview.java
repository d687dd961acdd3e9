package ru.gov.tomsk.opendata.catalog.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The first records of a published CSV file, for the passport page.
 *
 * <p>Data files can hold millions of rows, so the file is read as a stream and reading stops after the
 * requested number of records; a cell longer than {@link #MAX_CELL} characters is cut, and the rest of it
 * is skipped without being kept, so even a pathological file costs bounded memory. The dialect is RFC 4180
 * as the publisher writes it (standard §3): quoted fields may hold commas, doubled quotes and line breaks;
 * a BOM, which a feed may opt into, is skipped.
 *
 * @param header    the header row
 * @param rows      at most the requested number of records after the header
 * @param more      whether the file has records beyond {@code rows}
 */
public record CsvPreview(List<String> header, List<List<String>> rows, boolean more) {

    /** Longer cells are cut and end with "…": a preview, not a download. */
    public static final int MAX_CELL = 500;

    public CsvPreview {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    public static CsvPreview read(Path csv, int maxRecords) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(in, maxRecords);
        }
    }

    /** Reads from {@code in} without closing it. */
    public static CsvPreview read(Reader in, int maxRecords) throws IOException {
        RecordReader reader = new RecordReader(in);
        List<String> header = reader.next();
        if (header == null) {
            return new CsvPreview(List.of(), List.of(), false);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row;
        while (rows.size() < maxRecords && (row = reader.next()) != null) {
            rows.add(row);
        }
        return new CsvPreview(header, rows, reader.hasMore());
    }

    /** A small RFC 4180 state machine over characters; lenient, since a preview should show what is there. */
    private static final class RecordReader {

        private static final int NONE = -2;

        private final Reader in;
        private int peeked = NONE;
        private boolean first = true;

        RecordReader(Reader in) {
            this.in = in;
        }

        /** The next record, or {@code null} at the end of the input. */
        List<String> next() throws IOException {
            if (first) {
                first = false;
                if (peek() == '\uFEFF') {
                    read();
                }
            }
            if (peek() == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            Cell cell = new Cell();
            boolean quoted = false;
            while (true) {
                int c = read();
                if (quoted) {
                    if (c == -1) {
                        // a file cut inside quotes: show what was read rather than fail the whole page
                        fields.add(cell.value());
                        return fields;
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            cell.append('"');
                        } else {
                            quoted = false;
                        }
                    } else if (c == '\r' && peek() == '\n') {
                        // a line break inside a value is one break on the page, whatever the file's line ends
                        read();
                        cell.append('\n');
                    } else {
                        cell.append((char) c);
                    }
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(cell.value());
                    cell = new Cell();
                } else if (c == '\r' || c == '\n' || c == -1) {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    fields.add(cell.value());
                    return fields;
                } else {
                    cell.append((char) c);
                }
            }
        }

        boolean hasMore() throws IOException {
            return peek() != -1;
        }

        private int peek() throws IOException {
            if (peeked == NONE) {
                peeked = in.read();
            }
            return peeked;
        }

        private int read() throws IOException {
            if (peeked != NONE) {
                int c = peeked;
                peeked = NONE;
                return c;
            }
            return in.read();
        }
    }

    /** Keeps at most {@link #MAX_CELL} characters and remembers whether more were dropped. */
    private static final class Cell {

        private final StringBuilder text = new StringBuilder();
        private boolean cut;
        private boolean empty = true;

        void append(char c) {
            empty = false;
            if (text.length() < MAX_CELL) {
                text.append(c);
            } else {
                cut = true;
            }
        }

        boolean isEmpty() {
            return empty;
        }

        String value() {
            return cut ? text + "…" : text.toString();
        }
    }
}
