package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;
import static ru.gov.tomsk.opendata.source.Drops.GOOD_CSV;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.DryRunResult;
import ru.gov.tomsk.opendata.ops.DryRuns;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestFtpServer;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * Dry runs of an FTP drop and of an SFTP drop (MINA servers): they read the file through the feed's own Kamelet,
 * with consuming switched off, so the file and its done-file stay on the server, untouched, nothing is recorded in
 * the idempotent repository, and the run that follows still publishes the file.
 */
class RemoteDropDryRunTest {

    static final String DONE_FILE = "  doneFileName: ${file:name}.done\n";

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;

    @Test
    void anFtpDropIsShownAndLeftOnTheServer() throws Exception {
        try (TestFtpServer server = TestFtpServer.serving(serverRoot).login(FtpSourceTest.USER, FtpSourceTest.PASSWORD)
                .start()) {
            Drops.installFeed(home, FtpSourceTest.SOURCE + DONE_FILE);
            Map<String, Object> props = Drops.ftpProps(server, FtpSourceTest.USER, FtpSourceTest.PASSWORD);
            try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
                dryRunLeavesTheDropAndTheRunPublishesIt(app, serverRoot.resolve("inbox"), "ftp://");
            }
        }
    }

    @Test
    void anSftpDropIsShownAndLeftOnTheServer() throws Exception {
        try (TestSftpServer server = TestSftpServer.serving(serverRoot)
                .password(SftpSourceTest.USER, SftpSourceTest.PASSWORD).start()) {
            Drops.installFeed(home, SftpSourceTest.PASSWORD_SOURCE + DONE_FILE);
            Map<String, Object> props = Drops.sftpProps(server, SftpSourceTest.USER, SftpSourceTest.PASSWORD,
                    home.resolve("known_hosts"));
            try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
                dryRunLeavesTheDropAndTheRunPublishesIt(app, server.onDisk("inbox"), "sftp://");
            }
        }
    }

    private static void dryRunLeavesTheDropAndTheRunPublishesIt(TestApp app, Path inbox, String server) throws Exception {
        Path drop = Drops.drop(inbox, "organisations.csv", GOOD_CSV, DROPPED_AT);
        Path done = Drops.drop(inbox, "organisations.csv.done", "", DROPPED_AT);
        JdbcTemplate state = new JdbcTemplate(app.bean(DataSource.class));

        DryRunResult dry = app.bean(DryRuns.class).dryRun(FEED, 10);

        assertThat(dry.error()).isNull();
        assertThat(dry.source()).startsWith("file organisations.csv in ").contains(" on " + server)
                .doesNotContain(FtpSourceTest.PASSWORD).doesNotContain(SftpSourceTest.PASSWORD);
        assertThat(List.of(dry.rowsRead(), dry.rowsValid(), dry.rowsRejected())).containsExactly(3L, 3L, 0L);
        assertThat(dry.firstRows()).containsExactly(
                List.of("1", "Школа № 1", "1234.5", "1990-09-01", "true"),
                Arrays.asList("2", "МАОУ \"Гимназия № 2\"", "0", null, "false"),
                List.of("3", "Детский сад, корпус 2", "1000000", "2015-06-15", "true"));
        assertThat(dry.outcome()).isEqualTo("PUBLISHED");
        // the drop is as the department left it: not moved, its done-file kept, not remembered, no run recorded
        assertThat(Drops.files(inbox)).containsExactly("organisations.csv", "organisations.csv.done");
        assertThat(drop).hasContent(GOOD_CSV);
        assertThat(Files.getLastModifiedTime(drop).toInstant()).isEqualTo(DROPPED_AT);
        assertThat(Files.getLastModifiedTime(done).toInstant()).isEqualTo(DROPPED_AT);
        assertThat(inbox.resolve(".done")).doesNotExist();
        assertThat(state.queryForObject("SELECT COUNT(*) FROM " + ProcessedFiles.TABLE, Integer.class)).isZero();
        assertThat(app.runs(FEED)).isEmpty();

        // the file is still new to the feed: the run reads it, archives it and removes its done-file
        FeedRun run = Drops.run(app, FEED);
        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(run.rowsWritten()).isEqualTo(3);
        assertThat(Drops.files(inbox)).isEmpty();
        assertThat(state.queryForObject("SELECT COUNT(*) FROM " + ProcessedFiles.TABLE, Integer.class)).isOne();
    }
}
