package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import ru.gov.tomsk.opendata.ops.DraftDryRun;
import ru.gov.tomsk.opendata.ops.DraftSample;
import ru.gov.tomsk.opendata.ops.Drafts;
import ru.gov.tomsk.opendata.ops.dryrun.DraftFiles;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestFtpServer;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * A draft of an FTP or SFTP drop, not installed, tried without a sample: the file waiting on the server (MINA) is
 * read through the kind's Kamelet and left as it is, with its done-file; with a sample, the sample is read instead
 * and the server is not asked at all.
 */
class DraftRemoteDropTest {

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;

    @Test
    void anFtpDraftReadsTheDropWithoutMovingIt() throws Exception {
        try (TestFtpServer server = TestFtpServer.serving(serverRoot).login(FtpSourceTest.USER, FtpSourceTest.PASSWORD)
                .start()) {
            Map<String, Object> props = Drops.ftpProps(server, FtpSourceTest.USER, FtpSourceTest.PASSWORD);
            try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
                readsAndLeaves(app, FtpSourceTest.SOURCE, serverRoot.resolve("inbox"), "ftp://");
            }
        }
    }

    @Test
    void anSftpDraftReadsTheDropWithoutMovingIt() throws Exception {
        try (TestSftpServer server = TestSftpServer.serving(serverRoot)
                .password(SftpSourceTest.USER, SftpSourceTest.PASSWORD).start()) {
            Map<String, Object> props = Drops.sftpProps(server, SftpSourceTest.USER, SftpSourceTest.PASSWORD,
                    home.resolve("known_hosts"));
            try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
                readsAndLeaves(app, SftpSourceTest.PASSWORD_SOURCE, server.onDisk("inbox"), "sftp://");
            }
        }
    }

    private static void readsAndLeaves(TestApp app, String source, Path inbox, String server) throws Exception {
        Path drop = Drops.drop(inbox, "organisations.csv", Drops.GOOD_CSV, Drops.DROPPED_AT);
        Drops.drop(inbox, "organisations.csv.done", "", Drops.DROPPED_AT);
        JdbcTemplate state = new JdbcTemplate(app.bean(DataSource.class));
        Drafts drafts = app.bean(Drafts.class);
        var operator = new UsernamePasswordAuthenticationToken("operator", null,
                List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")));
        var feed = drafts.parse(operator, DraftFiles.draft(source + RemoteDropDryRunTest.DONE_FILE));

        DraftDryRun dry = drafts.tryDraft(feed, null, 10);

        assertThat(dry.result().error()).isNull();
        assertThat(dry.result().source()).startsWith("file organisations.csv in ").contains(" on " + server);
        assertThat(dry.result().rowsRead()).isEqualTo(3);
        assertThat(dry.columns().matches()).isTrue();
        assertThat(Drops.files(inbox)).containsExactly("organisations.csv", "organisations.csv.done");
        assertThat(drop).hasContent(Drops.GOOD_CSV);
        assertThat(Files.getLastModifiedTime(drop).toInstant()).isEqualTo(Drops.DROPPED_AT);
        assertThat(state.queryForObject("SELECT COUNT(*) FROM " + ProcessedFiles.TABLE, Integer.class)).isZero();
        assertThat(app.runs(Drops.FEED)).isEmpty();

        // a sample instead of the drop: read from the service's own temporary directory, the server untouched
        DraftDryRun sample = drafts.tryDraft(feed, new DraftSample("organisations-new.csv",
                "id,name,amount,opened,active\n9,Новая школа,1,,да\n".getBytes(StandardCharsets.UTF_8)), 10);
        assertThat(sample.result().error()).isNull();
        assertThat(sample.result().source()).isEqualTo("sample organisations-new.csv");
        assertThat(sample.result().rowsRead()).isEqualTo(1);
        assertThat(Drops.files(inbox)).containsExactly("organisations.csv", "organisations.csv.done");
    }
}
