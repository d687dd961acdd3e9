package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;
import static ru.gov.tomsk.opendata.source.Drops.GOOD_CSV;
import static ru.gov.tomsk.opendata.source.Drops.RAGGED_CSV;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestFtpServer;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * An ftp or sftp feed's {@code directory} is relative to the login's home or absolute, as documented, on servers
 * whose login starts below their root ({@code /home/feeder}): {@code inbox} is {@code /home/feeder/inbox} and
 * {@code /srv/drops} is {@code /srv/drops}. Reading, the move to {@code .done/<date>/} and the move to
 * {@code .error/} with its reason file all happen in that directory.
 */
class RemoteDropDirectoriesTest {

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;
    @TempDir
    Path keys;

    @ParameterizedTest(name = "ftp, directory: {0}")
    @ValueSource(strings = {"inbox", "/srv/drops"})
    void anFtpDropDirectoryIsRelativeToTheLoginsHomeOrAbsolute(String directory) throws Exception {
        try (TestFtpServer server = TestFtpServer.serving(serverRoot).home(Drops.HOME).login(Drops.USER, Drops.PASSWORD)
                .start()) {
            Drops.installFeed(home, Drops.ftpSource(directory, "1s"));
            assertDropsAreReadAndArchivedIn(server.onDisk(directory), Drops.ftpProps(server, Drops.USER, Drops.PASSWORD));
        }
    }

    @ParameterizedTest(name = "sftp, directory: {0}")
    @ValueSource(strings = {"inbox", "/srv/drops"})
    void anSftpDropDirectoryIsRelativeToTheLoginsHomeOrAbsolute(String directory) throws Exception {
        try (TestSftpServer server = TestSftpServer.serving(serverRoot).home(Drops.HOME)
                .password(Drops.USER, Drops.PASSWORD).start()) {
            Drops.installFeed(home, Drops.sftpSource(directory, "1s"));
            assertDropsAreReadAndArchivedIn(server.onDisk(directory),
                    Drops.sftpProps(server, Drops.USER, Drops.PASSWORD, keys.resolve("known_hosts")));
        }
    }

    private void assertDropsAreReadAndArchivedIn(Path inbox, Map<String, Object> props) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, props)) {
            Drops.drop(inbox, "organisations.csv", GOOD_CSV, DROPPED_AT);
            FeedRun published = Drops.run(app, FEED);
            assertThat(published.status()).as(published.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(published.rowsWritten()).isEqualTo(3);
            assertThat(inbox.resolve(".done/20260320/organisations.csv")).hasContent(GOOD_CSV);

            Drops.drop(inbox, "organisations-bad.csv", RAGGED_CSV, DROPPED_AT);
            FeedRun failed = Drops.run(app, FEED);
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.message()).contains("organisations-bad.csv").contains("line 4");
            assertThat(inbox.resolve(".error/organisations-bad.csv")).hasContent(RAGGED_CSV);
            assertThat(inbox.resolve(".error/organisations-bad.csv" + FileDrops.REASON_SUFFIX)).exists();
            assertThat(Drops.files(inbox)).isEmpty();
        }
        // nothing was read from, or archived to, the other place the directory could have meant
        assertThat(serverRootFiles()).allMatch(path -> path.startsWith(inbox));
    }

    private java.util.List<Path> serverRootFiles() {
        try (var files = Files.walk(serverRoot)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
