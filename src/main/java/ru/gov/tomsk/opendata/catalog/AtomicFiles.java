package ru.gov.tomsk.opendata.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

/**
 * Every published file appears in one step: it is written under a hidden temporary name in the same
 * directory, forced to disk, then renamed over the target. A reader (or a crash) never sees half a file.
 * Temporary names start with a dot, which the web side never serves and mirrors never copy.
 */
public final class AtomicFiles {

    static final String TEMP_MARK = ".tmp-";

    private AtomicFiles() {
    }

    /** A fresh hidden temporary path next to where {@code target} will live. */
    public static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_MARK + UUID.randomUUID());
    }

    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.contains(TEMP_MARK);
    }

    /** Writes the bytes to {@code target} atomically; returns false (and touches nothing) if they are already there. */
    public static boolean writeIfChanged(Path target, byte[] bytes) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        Path temp = tempFor(target);
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(bytes);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        moveIntoPlace(temp, target);
        return true;
    }

    /** Forces a finished temporary file to disk and renames it to {@code target}. */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
        syncDirectory(target.getParent());
    }

    private static void syncDirectory(Path dir) {
        // makes the rename itself durable; not every platform can open a directory, and that is fine
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }
}
