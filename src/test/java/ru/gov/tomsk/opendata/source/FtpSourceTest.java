package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.source.Drops.CHANGED_CSV;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;
import static ru.gov.tomsk.opendata.source.Drops.GOOD_CSV;
import static ru.gov.tomsk.opendata.source.Drops.RAGGED_CSV;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestFtpServer;

/**
 * Source kind {@code ftp} against a real FTP server (Apache MINA FtpServer) that only allows passive data
 * connections, so a client in active mode could not list or download anything. The login comes from
 * {@code ${FTP_USER}}/{@code ${FTP_PASSWORD}} placeholders, and the password never shows in a log line, a run's
 * message or a reason file.
 */
@ExtendWith(OutputCaptureExtension.class)
class FtpSourceTest {

    static final String USER = "opendata";
    /** Characters that break a URI unless the template passes the password RAW. */
    static final String PASSWORD = "Ftp&Secret+41%2=x?y#z(1)";
    static final String SOURCE = Drops.ftpSource("inbox", "1s");

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;

    TestFtpServer server;
    int port;

    @BeforeEach
    void startFtpServer() throws Exception {
        server = TestFtpServer.serving(serverRoot).login(USER, PASSWORD).start();
        port = server.port();
    }

    @AfterEach
    void stopFtpServer() {
        server.close();
    }

    Path inbox() {
        return serverRoot.resolve("inbox");
    }

    Map<String, Object> props(String password) {
        return Drops.ftpProps(server, USER, password);
    }

    @Test
    void aDropIsPublishedArchivedOnTheServerAndNotProcessedAgainAfterARestart(CapturedOutput output) throws Exception {
        Drops.installFeed(home, SOURCE);
        Drops.assertPublishedOnceAcrossARestart(home, inbox(), props(PASSWORD),
                // the local copy it was read from is gone
                () -> assertThat(Drops.files(home.resolve("work/drops/" + FEED))).isEmpty());
        Drops.assertLogsHide(output, PASSWORD);
    }

    @Test
    void aBadDropGoesToErrorOnTheServerWithItsReasonAndThePublishedVersionStays(CapturedOutput output)
            throws Exception {
        Drops.installFeed(home, SOURCE);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, props(PASSWORD))) {
            Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
            assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Map<String, String> published = Fixtures.snapshot(TestApp.portal(home));

            // moved on the server, and the reason uploaded beside it
            assertThat(Drops.assertBadDropRefused(app, clock, home, inbox(), published)).doesNotContain(PASSWORD);
        }
        Drops.assertLogsHide(output, PASSWORD);
    }

    @Test
    void aRefusedLoginFailsTheRunAndNeverShowsThePassword(CapturedOutput output) throws Exception {
        String wrong = "Wrong&Password+99";
        Drops.installFeed(home, SOURCE);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props(wrong))) {
            Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
            FeedRun failed = Drops.run(app, FEED);
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.message())
                    .startsWith("source failed: cannot read ftp://" + USER + "@127.0.0.1:" + port + "/inbox: ")
                    .contains("530")
                    .doesNotContain(wrong);
            assertThat(failed.departmentMessage()).startsWith("Сервер источника не принял имя пользователя, пароль или "
                    + "ключ.").endsWith(" Подробности: " + failed.message());
            // nothing was read: the drop waits for the next run
            assertThat(Drops.files(inbox())).containsExactly("organisations.csv");
        }
        Drops.assertLogsHide(output, wrong);
    }

    @Test
    void aFeedWhoseRouteCannotBeCreatedIsReportedWithoutThePassword(CapturedOutput output) throws Exception {
        // a port that is no number is refused when the feed loads (FeedParserTest); a duration Camel cannot read
        // fails only as the route is created
        Drops.installFeed(home, SOURCE.replace("minAge: 1s", "minAge: a-while"));
        Map<String, Object> props = props(PASSWORD);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
            List<FeedRun> runs = app.runs(FEED);
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).status()).isEqualTo(RunStatus.INVALID);
            assertThat(runs.get(0).message()).startsWith("cannot create its route:").doesNotContain(PASSWORD);
            assertThat(runs.get(0).departmentMessage()).startsWith("Службе не удалось подготовить чтение из источника")
                    .doesNotContain(PASSWORD);
        }
        assertThat(output.getAll()).contains("Cannot create the route of feed " + FEED).doesNotContain(PASSWORD);
    }
}
