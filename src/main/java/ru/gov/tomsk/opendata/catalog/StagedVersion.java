package ru.gov.tomsk.opendata.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data files of a version being rendered, one per format. They live under hidden names in the
 * dataset's folder, so committing is a rename on the same file system and nothing half-written is
 * ever served. Closing without a commit or a hold deletes them.
 */
public final class StagedVersion implements AutoCloseable {

    private final Path datasetDir;
    private final Map<String, Path> files = new LinkedHashMap<>();

    StagedVersion(Path datasetDir) throws IOException {
        this.datasetDir = Files.createDirectories(datasetDir);
    }

    /** The held files of a version waiting for an operator's decision. */
    static StagedVersion held(Path datasetDir, long heldId, List<String> formats) throws IOException {
        StagedVersion staged = new StagedVersion(datasetDir);
        for (String format : formats) {
            Path file = heldFile(datasetDir, heldId, format);
            if (!Files.isRegularFile(file)) {
                throw new IOException("held file " + file + " is missing");
            }
            staged.files.put(format, file);
        }
        return staged;
    }

    static Path heldFile(Path datasetDir, long heldId, String format) {
        return datasetDir.resolve(".held-" + heldId + "." + format);
    }

    /** A new staged file for one format ({@code csv}, {@code json}, …). */
    public OutputStream open(String format) throws IOException {
        Path file = AtomicFiles.tempFor(datasetDir.resolve("data." + format));
        files.put(format, file);
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** The formats staged so far, in the order they were opened. */
    public List<String> formats() {
        return List.copyOf(files.keySet());
    }

    Map<String, Path> files() {
        return Collections.unmodifiableMap(files);
    }

    /** Moves the files aside under the held version's names; they survive until approved or discarded. */
    void hold(long heldId) throws IOException {
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path target = heldFile(datasetDir, heldId, file.getKey());
            Files.move(file.getValue(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            file.setValue(target);
        }
        files.clear();
    }

    /** Forgets files that were committed, so that closing does not delete what was published. */
    void committed() {
        files.clear();
    }

    @Override
    public void close() throws IOException {
        for (Path file : files.values()) {
            Files.deleteIfExists(file);
        }
        files.clear();
    }
}
