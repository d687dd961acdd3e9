package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.source.DropFtpServer.Options;
import ru.gov.tomsk.opendata.source.DropFtpServer.Times;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * An FTP drop is read only once it is complete, however the server lists it: uploads through the FTP protocol that
 * are slow or stall for less than {@code minAge}, on a server that tells times to the second ({@code MDTM}) or only
 * to the minute ({@code LIST}), or whose clock is a day behind, are published whole; a file that changes while it is
 * read fails its run and stays where it is for the next one. The feed waits for 3s without a change; the check
 * interval is 1s.
 */
class FtpDropCompletenessTest {

    static final String NAME = "organisations.csv";
    /** About 40 KB: several of the server's 8 KB write buffers, so the file grows on its disk as it arrives. */
    static final int ROWS = 800;

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;

    DropFtpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    TestApp start(Options options) throws Exception {
        server = DropFtpServer.start(serverRoot, options);
        Drops.installFeed(home, DropFtpServer.source("inbox", "3s"));
        return TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), server.props());
    }

    Path inbox() {
        return server.onDisk("inbox");
    }

    /** Starts the upload, see {@link DropFtpServer#upload}, and waits until it has reached the server's disk. */
    CompletableFuture<Void> startUpload(byte[] content, int firstPart, Duration stall) throws IOException {
        Files.createDirectories(inbox());
        CompletableFuture<Void> upload = server.upload("inbox/" + NAME, content, firstPart, stall);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox().resolve(NAME))
                && Files.size(inbox().resolve(NAME)) > 0);
        return upload;
    }

    /** Runs the feed while the upload is under way; returns the run once the upload has finished too. */
    FeedRun runDuringUpload(TestApp app, byte[] content, int firstPart, Duration stall) throws IOException {
        CompletableFuture<Void> upload = startUpload(content, firstPart, stall);
        FeedRun run = Drops.run(app, FEED);
        upload.join();
        return run;
    }

    void assertPublishedWhole(FeedRun run, byte[] content, int rows) {
        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(run.rowsRead()).isEqualTo(rows);
        assertThat(run.rowsWritten()).isEqualTo(rows);
        assertThat(inbox().resolve(".done/20260320/" + NAME)).hasBinaryContent(content);
    }

    @ParameterizedTest(name = "server times: {0}")
    @EnumSource(Times.class)
    void anUploadThrottledToAFewKilobytesASecondIsReadOnlyOnceComplete(Times times) throws Exception {
        byte[] content = Drops.organisations(ROWS);
        try (TestApp app = start(Options.plain().withTimes(times).throttled(8 * 1024))) {
            assertPublishedWhole(runDuringUpload(app, content, content.length, Duration.ZERO), content, ROWS);
        }
        if (times == Times.EXACT) {
            // the server's own second-exact time was asked for, not only its listing
            assertThat(server.commands("MDTM")).isNotEmpty();
        } else {
            // a server that does not announce MDTM or MLST is not sent them
            assertThat(server.commands("MDTM")).isEmpty();
            assertThat(server.commands("MLST")).isEmpty();
        }
    }

    @ParameterizedTest(name = "server times: {0}")
    @EnumSource(Times.class)
    void anUploadThatStallsForLessThanMinAgeIsReadOnlyOnceComplete(Times times) throws Exception {
        byte[] content = Drops.organisations(ROWS);
        try (TestApp app = start(Options.plain().withTimes(times))) {
            // half the file, a pause of half the minimum age, the rest
            assertPublishedWhole(runDuringUpload(app, content, content.length / 2, Duration.ofMillis(1500)),
                    content, ROWS);
        }
    }

    @Test
    void aFileStillGrowingOnAServerWhoseClockIsADayBehindIsReadOnlyOnceComplete() throws Exception {
        byte[] content = Drops.organisations(ROWS);
        try (TestApp app = start(Options.plain().throttled(8 * 1024).clockBehind(Duration.ofDays(1)))) {
            assertPublishedWhole(runDuringUpload(app, content, content.length, Duration.ZERO), content, ROWS);
        }
    }

    @Test
    void aFileThatChangesWhileItIsReadFailsItsRunAndStaysInPlaceForTheNextOne() throws Exception {
        byte[] content = Drops.organisations(ROWS);
        byte[] longer = Drops.organisations(ROWS + 1);
        try (TestApp app = start(Options.plain())) {
            Path file = inbox().resolve(NAME);
            Drops.drop(inbox(), NAME, new String(content, StandardCharsets.UTF_8), DROPPED_AT);

            // the department's client appends a record right after the service downloaded the file
            server.afterDownload = path -> {
                server.afterDownload = null;
                Files.write(path, longer, StandardOpenOption.TRUNCATE_EXISTING);
            };
            FeedRun grown = Drops.run(app, FEED);
            assertThat(grown.status()).isEqualTo(RunStatus.FAILED);
            assertThat(grown.message()).contains(NAME).contains("changed while it was read");
            assertStaysInPlaceWithNothingPublished(file, longer);

            // it rewrites the file, which is cut short just before the service downloads it
            server.beforeDownload = path -> {
                server.beforeDownload = null;
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    channel.truncate(content.length / 2);
                }
            };
            FeedRun shrunk = Drops.run(app, FEED);
            assertThat(shrunk.status()).isEqualTo(RunStatus.FAILED);
            assertThat(shrunk.message()).contains(NAME).contains("changed while it was read");
            assertThat(Files.size(file)).isEqualTo(content.length / 2);
            assertStaysInPlaceWithNothingPublished(file, java.util.Arrays.copyOf(content, content.length / 2));

            // once the file is complete and left alone, the next run reads all of it
            Files.write(file, longer);
            FeedRun whole = Drops.run(app, FEED);
            assertPublishedWhole(whole, longer, ROWS + 1);
            assertThat(Drops.files(inbox())).isEmpty();
        }
    }

    private void assertStaysInPlaceWithNothingPublished(Path file, byte[] content) throws IOException {
        assertThat(file).hasBinaryContent(content);
        assertThat(inbox().resolve(".done")).doesNotExist();
        assertThat(inbox().resolve(".error")).doesNotExist();
        assertThat(Fixtures.snapshot(TestApp.portal(home)).keySet()).noneMatch(path -> path.startsWith(FEED + "/"));
    }

    @Test
    void aFileStillChangingWhenTheWaitEndsIsLeftUntouchedAndReadWholeAtALaterRun() throws Exception {
        byte[] content = Drops.organisations(ROWS / 2);
        try (TestApp app = start(Options.plain().throttled(4 * 1024))) {
            // each run waits at most 1.5s for the file to settle, less than the 3s it must stay unchanged
            GenericFileEndpoint<?> endpoint = (GenericFileEndpoint<?>) app.bean(CamelContext.class)
                    .getRoute(FeedRoutes.sourceRouteId(FEED)).getEndpoint();
            endpoint.setReadLockTimeout(1500);
            CompletableFuture<Void> upload = startUpload(content, content.length, Duration.ZERO);

            Drops.fire(app, FEED);
            assertThat(upload).as("the upload is still under way after the run gave up").isNotDone();
            assertThat(app.runs(FEED)).isEmpty();
            assertThat(Drops.files(inbox())).containsExactly(NAME);
            assertThat(inbox().resolve(".error")).doesNotExist();

            upload.join();
            // no single run waits long enough, but the service remembers since when it has seen the file unchanged
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Drops.fire(app, FEED);
                return !app.runs(FEED).isEmpty();
            });
            assertPublishedWhole(app.runs(FEED).get(0), content, ROWS / 2);
        }
    }
}
