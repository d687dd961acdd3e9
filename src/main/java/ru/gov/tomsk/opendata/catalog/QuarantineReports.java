package ru.gov.tomsk.opendata.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import ru.gov.tomsk.opendata.format.CsvWriter;

/**
 * The quarantine report of a run as a CSV file an operator can open on the server
 * ({@code <quarantine-dir>/<feed>/run-<id>.csv}), next to the copy in the state database.
 * It lives outside the published tree: rejected records are never published.
 */
public class QuarantineReports {

    private final Path directory;

    public QuarantineReports(Path directory) {
        this.directory = directory;
    }

    public Path file(String feedId, long runId) {
        return directory.resolve(feedId).resolve("run-" + runId + ".csv");
    }

    /** Writes the report if the run rejected anything; returns its path, or {@code null}. */
    public Path write(String feedId, long runId, List<QuarantineEntry> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            csv.row("row", "key", "field", "value", "reason");
            for (QuarantineEntry e : entries) {
                csv.row(String.valueOf(e.row()), e.key(), e.field(), e.value(), e.reason());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = file(feedId, runId);
        try {
            AtomicFiles.writeIfChanged(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the quarantine report " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
