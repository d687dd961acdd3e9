package ru.gov.tomsk.opendata.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A data file being rendered. It lives under a hidden temporary name in the dataset's folder, so that
 * committing it is a rename on the same file system. Closing it without a commit deletes it.
 */
public final class StagedData implements AutoCloseable {

    private final Path file;

    StagedData(Path datasetDir) throws IOException {
        Files.createDirectories(datasetDir);
        this.file = AtomicFiles.tempFor(datasetDir.resolve("data.csv"));
    }

    public OutputStream open() throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
