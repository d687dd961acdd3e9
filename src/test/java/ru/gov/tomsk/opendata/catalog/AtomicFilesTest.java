package ru.gov.tomsk.opendata.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    // a fixed past mtime: a rewrite would move it to "now", so no clock tick (or sleep) is needed to see one
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @Test
    void equalBytesAreNotWrittenAgain() throws IOException {
        Path meta = dir.resolve("meta.csv");
        Files.write(meta, "property,value\r\n".getBytes(UTF_8));
        Files.setLastModifiedTime(meta, LONG_AGO);
        Object inode = fileKey(meta);

        boolean written = AtomicFiles.writeIfChanged(meta, "property,value\r\n".getBytes(UTF_8));

        assertThat(written).isFalse();
        assertThat(Files.getLastModifiedTime(meta)).isEqualTo(LONG_AGO);
        assertThat(fileKey(meta)).isEqualTo(inode);
        assertThat(entries(dir)).containsExactly("meta.csv");
    }

    @Test
    void changedBytesOfTheSameLengthAreWritten() throws IOException {
        Path meta = dir.resolve("meta.csv");
        Files.write(meta, "valid,20260625\r\n".getBytes(UTF_8));
        Files.setLastModifiedTime(meta, LONG_AGO);

        boolean written = AtomicFiles.writeIfChanged(meta, "valid,20260925\r\n".getBytes(UTF_8));

        assertThat(written).isTrue();
        assertThat(Files.readString(meta, UTF_8)).isEqualTo("valid,20260925\r\n");
        assertThat(Files.getLastModifiedTime(meta)).isNotEqualTo(LONG_AGO);
    }

    @Test
    void newFileIsWrittenAndItsDirectoriesCreated() throws IOException {
        Path data = dir.resolve("7017069388-schools").resolve("data-20260301T0300-structure-20260301T0300.csv");

        assertThat(AtomicFiles.writeIfChanged(data, "id\r\n1\r\n".getBytes(UTF_8))).isTrue();

        assertThat(data).hasBinaryContent("id\r\n1\r\n".getBytes(UTF_8));
        assertThat(entries(data.getParent())).containsExactly(data.getFileName().toString());
    }

    @Test
    void replacementIsARenameNotAnInPlaceRewrite() throws IOException {
        Path list = dir.resolve("list.csv");
        Files.write(list, "old\r\n".getBytes(UTF_8));
        Object before = fileKey(list);
        assumeThat(before).as("the file system exposes file keys (inodes)").isNotNull();

        AtomicFiles.writeIfChanged(list, "new and longer\r\n".getBytes(UTF_8));

        // a reader that opened the old file keeps the old inode; the name now points at a new, complete one
        assertThat(fileKey(list)).isNotEqualTo(before);
        assertThat(Files.readString(list, UTF_8)).isEqualTo("new and longer\r\n");
        assertThat(entries(dir)).containsExactly("list.csv");
    }

    @Test
    void emptyContentIsAFileToo() throws IOException {
        Path empty = dir.resolve("empty.csv");

        assertThat(AtomicFiles.writeIfChanged(empty, new byte[0])).isTrue();
        assertThat(AtomicFiles.writeIfChanged(empty, new byte[0])).isFalse();

        assertThat(empty).isEmptyFile();
    }

    @Test
    void temporaryNameIsAHiddenSiblingThatIsRecognised() {
        Path target = dir.resolve("7017069388-schools").resolve("meta.csv");

        Path temp = AtomicFiles.tempFor(target);

        assertThat(temp.getParent()).isEqualTo(target.getParent());
        assertThat(temp.getFileName().toString()).startsWith(".meta.csv.tmp-");
        assertThat(AtomicFiles.isTemporary(temp)).isTrue();
        assertThat(AtomicFiles.tempFor(target)).isNotEqualTo(temp);
    }

    @Test
    void publishedAndOtherHiddenNamesAreNotTemporary() {
        for (String name : List.of("meta.csv", "data-20260301T0300-structure-20260301T0300.csv", ".htaccess",
                "meta.csv.tmp-123", ".meta.csv")) {
            assertThat(AtomicFiles.isTemporary(dir.resolve(name))).as(name).isFalse();
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
