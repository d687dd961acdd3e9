package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;
import static ru.gov.tomsk.opendata.source.Drops.GOOD_CSV;
import static ru.gov.tomsk.opendata.source.Drops.HOME;
import static ru.gov.tomsk.opendata.source.Drops.PASSWORD;
import static ru.gov.tomsk.opendata.source.Drops.RAGGED_CSV;
import static ru.gov.tomsk.opendata.source.Drops.USER;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * {@code .error/} with its reason file all happen in that directory. One service reads the four drops side by
 * side, each feed from a server of its own, so that whatever lands anywhere on that server is the feed's doing.
 */
class RemoteDropDirectoriesTest {

    static final List<String> DIRECTORIES = List.of("inbox", "/srv/drops");

    @TempDir
    static Path home;
    @TempDir
    static Path servers;

    /** Each case's feed and where it must read and archive, by "kind directory". */
    static final Map<String, Place> PLACES = new HashMap<>();
    static final List<AutoCloseable> PEERS = new ArrayList<>();
    static TestApp app;

    /** A feed, its server's root on the disk and the drop directory it must use there. */
    record Place(String feed, Path serverRoot, Path inbox) {
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = new HashMap<>();
        for (int i = 0; i < DIRECTORIES.size(); i++) {
            String directory = DIRECTORIES.get(i);

            Path ftpRoot = servers.resolve("ftp" + i);
            TestFtpServer ftp = TestFtpServer.serving(ftpRoot).home(HOME).login(USER, PASSWORD).start();
            PEERS.add(ftp);
            String ftpFeed = FEED + "_ftp" + i;
            Drops.installFeed(home, ftpFeed, Drops.ftpSource("FTP" + i, directory, "1s"));
            props.putAll(Drops.ftpProps("FTP" + i, ftp, USER, PASSWORD));
            PLACES.put("ftp " + directory, new Place(ftpFeed, ftpRoot, ftp.onDisk(directory)));

            Path sftpRoot = servers.resolve("sftp" + i);
            TestSftpServer sftp = TestSftpServer.serving(sftpRoot).home(HOME).password(USER, PASSWORD).start();
            PEERS.add(sftp);
            String sftpFeed = FEED + "_sftp" + i;
            Drops.installFeed(home, sftpFeed, Drops.sftpSource("SFTP" + i, directory, "1s"));
            props.putAll(Drops.sftpProps("SFTP" + i, sftp, USER, PASSWORD, servers.resolve("known_hosts" + i)));
            PLACES.put("sftp " + directory, new Place(sftpFeed, sftpRoot, sftp.onDisk(directory)));
        }
        app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        for (AutoCloseable peer : PEERS) {
            peer.close();
        }
    }

    @ParameterizedTest(name = "ftp, directory: {0}")
    @ValueSource(strings = {"inbox", "/srv/drops"})
    void anFtpDropDirectoryIsRelativeToTheLoginsHomeOrAbsolute(String directory) {
        assertDropsAreReadAndArchivedIn(PLACES.get("ftp " + directory));
    }

    @ParameterizedTest(name = "sftp, directory: {0}")
    @ValueSource(strings = {"inbox", "/srv/drops"})
    void anSftpDropDirectoryIsRelativeToTheLoginsHomeOrAbsolute(String directory) {
        assertDropsAreReadAndArchivedIn(PLACES.get("sftp " + directory));
    }

    private static void assertDropsAreReadAndArchivedIn(Place place) {
        Path inbox = place.inbox();
        Drops.drop(inbox, "organisations.csv", GOOD_CSV, DROPPED_AT);
        FeedRun published = Drops.run(app, place.feed());
        assertThat(published.status()).as(published.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(published.rowsWritten()).isEqualTo(3);
        assertThat(inbox.resolve(".done/20260320/organisations.csv")).hasContent(GOOD_CSV);

        Drops.drop(inbox, "organisations-bad.csv", RAGGED_CSV, DROPPED_AT);
        FeedRun failed = Drops.run(app, place.feed());
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).contains("organisations-bad.csv").contains("line 4");
        assertThat(inbox.resolve(".error/organisations-bad.csv")).hasContent(RAGGED_CSV);
        assertThat(inbox.resolve(".error/" + ru.gov.tomsk.opendata.source.drop.DropNames.reason("organisations-bad.csv"))).exists();
        assertThat(Drops.files(inbox)).isEmpty();
        // nothing was read from, or archived to, the other place the directory could have meant
        assertThat(files(place.serverRoot())).isNotEmpty().allMatch(path -> path.startsWith(inbox));
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
