package ru.gov.tomsk.opendata.source.drop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A drop directory on the service's own disk or a mounted share. */
final class LocalDropFolder implements DropFolder {

    private final Path dir;

    LocalDropFolder(Path dir) {
        this.dir = dir;
    }

    @Override
    public String dir() {
        return dir.toString();
    }

    @Override
    public String where() {
        return dir.toString();
    }

    @Override
    public String child(String parent, String name) {
        return Path.of(parent).resolve(name).toString();
    }

    @Override
    public List<Entry> list(String path) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(path))) {
            for (Path file : files) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    entries.add(new Entry(file.getFileName().toString(), attributes.size(),
                            attributes.lastModifiedTime().toInstant()));
                }
            }
        } catch (NoSuchFileException none) {
            return List.of();
        }
        return entries;
    }

    @Override
    public Optional<byte[]> read(String path, int max) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return Optional.of(in.readNBytes(max));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    @Override
    public void move(String from, String to) throws IOException {
        Path target = Path.of(to);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(to);
        }
        // within one directory tree: a rename, atomic, the file's time kept
        Files.move(Path.of(from), target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public boolean delete(String path) throws IOException {
        return Files.deleteIfExists(Path.of(path));
    }

    @Override
    public void touch(String path) throws IOException {
        try {
            Files.createFile(Path.of(path));
        } catch (FileAlreadyExistsException exists) {
            // a done-file the department wrote already does the same
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
