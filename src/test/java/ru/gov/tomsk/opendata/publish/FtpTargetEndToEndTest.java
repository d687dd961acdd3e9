package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.TestFtpServer;

/**
 * {@code kind: ftp} through the real application against a real FTP server (Apache MINA FtpServer, passive mode
 * only): the server's tree follows the published tree, and a server that is down is retried until it is back.
 */
class FtpTargetEndToEndTest {

    static final String FEED = Fixtures.FEED;
    static final String USER = "portal";
    static final String PASSWORD = "Portal&Ftp+42%=x?";

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;

    TestFtpServer server;
    int port;

    @BeforeEach
    void startFtpServer() throws Exception {
        start(TestFtpServer.serving(serverRoot));
    }

    void start(TestFtpServer.Builder settings) throws Exception {
        if (server != null) {
            server.close();
        }
        server = settings.login(USER, PASSWORD).start();
        port = server.port();
    }

    @AfterEach
    void stopFtpServer() {
        server.close();
    }

    Path remote() {
        return serverRoot.resolve("opendata");
    }

    Map<String, Object> props() {
        Map<String, Object> props = Mirror.serverTarget("portal", "ftp", "127.0.0.1", port, USER, "opendata");
        props.put("opendata.targets.portal.remote.password", "${PORTAL_FTP_PASSWORD}");
        props.put("PORTAL_FTP_PASSWORD", PASSWORD);
        props.put("opendata.outbox.backoff-base", "1s");
        props.put("opendata.outbox.backoff-cap", "4s");
        return props;
    }

    @Test
    void onAServerThatReplacesOnRenameTheTreeFollowsEveryVersionAndNoReaderEverSeesAMissingFile() throws Exception {
        start(TestFtpServer.serving(serverRoot).replaceOnRename());
        assertThat(publishThreeVersions()).isEmpty();
        assertThat(server.commands("DELE")).as("meta.csv and list.csv were replaced by RNTO alone").isEmpty();
    }

    @Test
    void onAServerThatRefusesToRenameOntoAFileOnlyThePassportItselfMayBeMissedForAMoment() throws Exception {
        // MINA FtpServer refuses RNTO onto an existing file, so meta.csv is replaced by delete-then-rename: a
        // reader may miss the passport for that moment (a known FTP limitation, see FtpTarget); a data or
        // structure file a passport links is never missing
        assertThat(publishThreeVersions()).allMatch(link -> link.startsWith("list.csv → ") && link.endsWith("/meta.csv"));
        assertThat(server.commands("DELE")).as("only passports and registries are replaced, never a data file")
                .isNotEmpty().allMatch(path -> path.endsWith("/meta.csv") || path.endsWith("/meta.json") || path.endsWith("/meta.xml")
                        || path.matches(".*/list\\.(csv|json|xml)"));
    }

    /** Publishes three versions (new, unchanged, changed) and returns the broken links a reader of the server saw. */
    java.util.Set<String> publishThreeVersions() throws Exception {
        return ServerScenarios.threeVersions(home, props(), remote());
    }

    @Test
    void aServerThatIsDownIsRetriedUntilItIsBackAndNoTemporaryFileStays() throws Exception {
        assertThat(ServerScenarios.downUntilBack(home, props(), remote(), server::stop, server::restart,
                error -> assertThat(error).startsWith("cannot write ftp://").doesNotContain(PASSWORD))).isEmpty();
    }

    @Test
    void aServerStoppedMidDeliveryIsCompletedAfterRetriesWithNoTemporaryFileLeftAndNoBrokenPassport() throws Exception {
        java.util.Set<String> broken = ServerScenarios.crashMidDelivery(home, props(), remote(), server.crashAfterNextUpload(),
                "ftp", PASSWORD, server::isStopped, server::restart);
        // only the FTP replace gap of the passport itself (see the first test), never a passport linking a missing file
        assertThat(broken).allMatch(link -> link.startsWith("list.csv → ") && link.endsWith("/meta.csv"));
    }
}
