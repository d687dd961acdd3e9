package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ru.gov.tomsk.opendata.source.Drops.FEED;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * An SFTP drop is read only once it is complete, even when the time the server reports is far in the past while the
 * file still grows (a writer that keeps the original time, or a server clock that is behind): the service goes by
 * what it sees change, on its own clock.
 */
class SftpDropCompletenessTest {

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;
    @TempDir
    Path keys;

    @Test
    void aFileStillGrowingWithAModificationTimeFarInThePastIsReadOnlyOnceComplete() throws Exception {
        byte[] content = Drops.organisations(800);
        try (TestSftpServer server = TestSftpServer.serving(serverRoot).home(Drops.HOME)
                .password(Drops.USER, Drops.PASSWORD).start()) {
            Drops.installFeed(home, Drops.sftpSource("inbox", "3s"));
            Map<String, Object> props = Drops.sftpProps(server, Drops.USER, Drops.PASSWORD, keys.resolve("known_hosts"));
            try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
                Path file = server.onDisk("inbox/organisations.csv");
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> grow(file, content));
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file) && Files.size(file) > 0);

                FeedRun run = Drops.run(app, FEED);
                writer.join();
                assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
                assertThat(run.rowsWritten()).isEqualTo(800);
                assertThat(server.onDisk("inbox/.done/20260320/organisations.csv")).hasBinaryContent(content);
            }
        }
    }

    /**
     * Writes the file 2 KB at a time, four times a second, setting its time back to 2020 after each piece. The
     * pauses are the writer being slow (parked, not slept: no assertion waits on them).
     */
    private static void grow(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            for (int from = 0; from < content.length; from += 2048) {
                Files.write(file, Arrays.copyOfRange(content, from, Math.min(content.length, from + 2048)),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
