package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;
import static ru.gov.tomsk.opendata.source.Drops.HOME;
import static ru.gov.tomsk.opendata.source.Drops.PASSWORD;
import static ru.gov.tomsk.opendata.source.Drops.USER;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestFtpServer;
import ru.gov.tomsk.opendata.support.TestFtpServer.Times;

/**
 * An FTP drop is read only once it is complete, however the server lists it: uploads through the FTP protocol that
 * are slow or stall for less than {@code minAge}, on a server that tells times to the second ({@code MDTM}) or only
 * to the minute ({@code LIST}), or whose clock is a day behind, are published whole; a file that changes while it is
 * read fails its run and stays where it is for the next one. The feed waits for 3s without a change; the check
 * interval is 1s. One service reads every case's drop side by side, each feed from a server of its own that behaves
 * as the case needs.
 */
class FtpDropCompletenessTest {

    static final String NAME = "organisations.csv";
    /** About 40 KB: several of the server's 8 KB write buffers, so the file grows on its disk as it arrives. */
    static final int ROWS = 800;

    @TempDir
    static Path home;
    @TempDir
    static Path servers;

    /** Each case's drop, by the name {@link #start} gives it. */
    static final Map<String, Drop> DROPS = new HashMap<>();
    static TestApp app;

    /** A feed reading {@code inbox} on a server of its own. */
    record Drop(String feed, TestFtpServer server) {
        Path inbox() {
            return server.onDisk("inbox");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = new HashMap<>();
        for (Times times : Times.values()) {
            serve(props, "throttled_" + times, ftp -> ftp.times(times).uploadBytesPerSecond(8 * 1024));
            serve(props, "stalling_" + times, ftp -> ftp.times(times));
        }
        serve(props, "behind", ftp -> ftp.uploadBytesPerSecond(8 * 1024).clockBehind(Duration.ofDays(1)));
        serve(props, "changing", ftp -> ftp);
        serve(props, "slow", ftp -> ftp.uploadBytesPerSecond(4 * 1024));
        app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props);
    }

    /** A drop server whose login starts below its root, set up further by {@code options}, and a feed reading it. */
    private static void serve(Map<String, Object> props, String name, UnaryOperator<TestFtpServer.Builder> options)
            throws Exception {
        TestFtpServer server = options.apply(TestFtpServer.serving(servers.resolve(name)).home(HOME).login(USER, PASSWORD))
                .start();
        Drop drop = new Drop(FEED + "_" + name, server);
        DROPS.put(name, drop);
        Drops.installFeed(home, drop.feed(), Drops.ftpSource("FTP_" + name, "inbox", "3s"));
        props.putAll(Drops.ftpProps("FTP_" + name, server, USER, PASSWORD));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        DROPS.values().forEach(drop -> drop.server().close());
    }

    /** Starts the upload, see {@link TestFtpServer#upload}, and waits until it has reached the server's disk. */
    static CompletableFuture<Void> startUpload(Drop drop, byte[] content, int firstPart, Duration stall) throws IOException {
        Files.createDirectories(drop.inbox());
        CompletableFuture<Void> upload = drop.server().upload("inbox/" + NAME, content, firstPart, stall);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(drop.inbox().resolve(NAME))
                && Files.size(drop.inbox().resolve(NAME)) > 0);
        return upload;
    }

    /** Runs the feed while the upload is under way; returns the run once the upload has finished too. */
    static FeedRun runDuringUpload(Drop drop, byte[] content, int firstPart, Duration stall) throws IOException {
        CompletableFuture<Void> upload = startUpload(drop, content, firstPart, stall);
        FeedRun run = Drops.run(app, drop.feed());
        upload.join();
        return run;
    }

    static void assertPublishedWhole(Drop drop, FeedRun run, byte[] content, int rows) {
        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(run.rowsRead()).isEqualTo(rows);
        assertThat(run.rowsWritten()).isEqualTo(rows);
        assertThat(drop.inbox().resolve(".done/20260320/" + NAME)).hasBinaryContent(content);
    }

    @ParameterizedTest(name = "server times: {0}")
    @EnumSource(Times.class)
    void anUploadThrottledToAFewKilobytesASecondIsReadOnlyOnceComplete(Times times) throws Exception {
        Drop drop = DROPS.get("throttled_" + times);
        byte[] content = Drops.organisations(ROWS);
        assertPublishedWhole(drop, runDuringUpload(drop, content, content.length, Duration.ZERO), content, ROWS);
        if (times == Times.EXACT) {
            // the server's own second-exact time was asked for, not only its listing
            assertThat(drop.server().commands("MDTM")).isNotEmpty();
        } else {
            // a server that does not announce MDTM or MLST is not sent them
            assertThat(drop.server().commands("MDTM")).isEmpty();
            assertThat(drop.server().commands("MLST")).isEmpty();
        }
    }

    @ParameterizedTest(name = "server times: {0}")
    @EnumSource(Times.class)
    void anUploadThatStallsForLessThanMinAgeIsReadOnlyOnceComplete(Times times) throws Exception {
        Drop drop = DROPS.get("stalling_" + times);
        byte[] content = Drops.organisations(ROWS);
        // half the file, a pause of half the minimum age, the rest
        assertPublishedWhole(drop, runDuringUpload(drop, content, content.length / 2, Duration.ofMillis(1500)),
                content, ROWS);
    }

    @Test
    void aFileStillGrowingOnAServerWhoseClockIsADayBehindIsReadOnlyOnceComplete() throws Exception {
        Drop drop = DROPS.get("behind");
        byte[] content = Drops.organisations(ROWS);
        assertPublishedWhole(drop, runDuringUpload(drop, content, content.length, Duration.ZERO), content, ROWS);
    }

    @Test
    void aFileThatChangesWhileItIsReadFailsItsRunAndStaysInPlaceForTheNextOne() throws Exception {
        Drop drop = DROPS.get("changing");
        TestFtpServer server = drop.server();
        byte[] content = Drops.organisations(ROWS);
        byte[] longer = Drops.organisations(ROWS + 1);
        Path file = drop.inbox().resolve(NAME);
        Drops.drop(drop.inbox(), NAME, new String(content, StandardCharsets.UTF_8), DROPPED_AT);

        // the department's client appends a record right after the service downloaded the file
        server.afterDownload = path -> {
            server.afterDownload = null;
            Files.write(path, longer, StandardOpenOption.TRUNCATE_EXISTING);
        };
        FeedRun grown = Drops.run(app, drop.feed());
        assertThat(grown.status()).isEqualTo(RunStatus.FAILED);
        assertThat(grown.message()).contains(NAME).contains("changed while it was read");
        assertStaysInPlaceWithNothingPublished(drop, file, longer);

        // it rewrites the file, which is cut short just before the service downloads it
        server.beforeDownload = path -> {
            server.beforeDownload = null;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(content.length / 2);
            }
        };
        FeedRun shrunk = Drops.run(app, drop.feed());
        assertThat(shrunk.status()).isEqualTo(RunStatus.FAILED);
        assertThat(shrunk.message()).contains(NAME).contains("changed while it was read");
        assertThat(Files.size(file)).isEqualTo(content.length / 2);
        assertStaysInPlaceWithNothingPublished(drop, file, java.util.Arrays.copyOf(content, content.length / 2));

        // once the file is complete and left alone, the next run reads all of it
        Files.write(file, longer);
        FeedRun whole = Drops.run(app, drop.feed());
        assertPublishedWhole(drop, whole, longer, ROWS + 1);
        assertThat(Drops.files(drop.inbox())).isEmpty();
    }

    private static void assertStaysInPlaceWithNothingPublished(Drop drop, Path file, byte[] content) throws IOException {
        assertThat(file).hasBinaryContent(content);
        assertThat(drop.inbox().resolve(".done")).doesNotExist();
        assertThat(drop.inbox().resolve(".error")).doesNotExist();
        assertThat(Fixtures.snapshot(TestApp.portal(home)).keySet()).noneMatch(path -> path.startsWith(drop.feed() + "/"));
    }

    @Test
    void aFileStillChangingWhenTheWaitEndsIsLeftUntouchedAndReadWholeAtALaterRun() throws Exception {
        Drop drop = DROPS.get("slow");
        byte[] content = Drops.organisations(ROWS / 2);
        // each run waits at most 1.5s for the file to settle, less than the 3s it must stay unchanged
        GenericFileEndpoint<?> endpoint = (GenericFileEndpoint<?>) app.bean(CamelContext.class)
                .getRoute(FeedRoutes.sourceRouteId(drop.feed())).getEndpoint();
        endpoint.setReadLockTimeout(1500);
        CompletableFuture<Void> upload = startUpload(drop, content, content.length, Duration.ZERO);

        Drops.fire(app, drop.feed());
        assertThat(upload).as("the upload is still under way after the run gave up").isNotDone();
        assertThat(app.runs(drop.feed())).isEmpty();
        assertThat(Drops.files(drop.inbox())).containsExactly(NAME);
        assertThat(drop.inbox().resolve(".error")).doesNotExist();

        upload.join();
        // no single run waits long enough, but the service remembers since when it has seen the file unchanged
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Drops.fire(app, drop.feed());
            return !app.runs(drop.feed()).isEmpty();
        });
        assertPublishedWhole(drop, app.runs(drop.feed()).get(0), content, ROWS / 2);
    }
}
