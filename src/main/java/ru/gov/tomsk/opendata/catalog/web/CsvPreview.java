package ru.gov.tomsk.opendata.catalog.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ru.gov.tomsk.opendata.format.CsvReader;

/**
 * The first records of a published CSV file, for the passport page.
 *
 * <p>Data files can hold millions of rows, so the file is read as a stream ({@link CsvReader}) and reading
 * stops after the requested number of records; a cell longer than {@link #MAX_CELL} characters is cut, and the
 * rest of it is skipped without being kept, so even a pathological file costs bounded memory.
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
        // lenient: a preview shows what is there; a file cut inside quotes shows what was read
        CsvReader reader = new CsvReader(in).lenient().cutFieldsAt(MAX_CELL);
        List<String> header = reader.nextRecord();
        if (header == null) {
            return new CsvPreview(List.of(), List.of(), false);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row;
        while (rows.size() < maxRecords && (row = reader.nextRecord()) != null) {
            rows.add(shown(row));
        }
        return new CsvPreview(shown(header), rows, reader.hasMore());
    }

    /** No value shows as an empty cell; a line break inside a value is one break on the page, whatever the file's. */
    private static List<String> shown(List<String> record) {
        return record.stream().map(value -> value == null ? "" : value.replace("\r\n", "\n")).toList();
    }
}
