package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

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
    @TempDir
    Path users;

    FtpServer server;
    int port;

    @BeforeEach
    void startFtpServer() throws Exception {
        start(0);
    }

    void start(int onPort) throws Exception {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(onPort);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setActiveEnabled(false);
        data.setPassiveAddress("127.0.0.1");
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        factory.addListener("default", listener.createListener());

        PropertiesUserManagerFactory userManager = new PropertiesUserManagerFactory();
        Path file = users.resolve("ftp-users.properties");
        Files.deleteIfExists(file);
        userManager.setFile(Files.createFile(file).toFile());
        userManager.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(serverRoot.toString());
        user.setAuthorities(List.of(new WritePermission()));
        factory.setUserManager(userManager.createUserManager());
        factory.getUserManager().save(user);

        server = factory.createServer();
        server.start();
        port = ((DefaultFtpServer) server).getListener("default").getPort();
    }

    @AfterEach
    void stopFtpServer() {
        if (!server.isStopped()) {
            server.stop();
        }
    }

    Path remote() {
        return serverRoot.resolve("opendata");
    }

    Map<String, Object> props() {
        Map<String, Object> props = new HashMap<>();
        String prefix = "opendata.targets.portal.";
        props.put(prefix + "kind", "ftp");
        props.put(prefix + "remote.host", "127.0.0.1");
        props.put(prefix + "remote.port", String.valueOf(port));
        props.put(prefix + "remote.username", USER);
        props.put(prefix + "remote.password", "${PORTAL_FTP_PASSWORD}");
        props.put("PORTAL_FTP_PASSWORD", PASSWORD);
        props.put(prefix + "remote.directory", "opendata");
        props.put("opendata.outbox.poll-interval", "100ms");
        props.put("opendata.outbox.backoff-base", "1s");
        props.put("opendata.outbox.backoff-cap", "4s");
        props.putAll(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        return props;
    }

    @Test
    void theServerTreeEqualsThePublishedTreeAfterEveryVersionAndNeverLinksToAMissingFile() throws Exception {
        Map<String, Object> props = props();
        String source = Fixtures.h2Source();
        props.putAll(Fixtures.sourceProperties(source, "sa", ""));
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Path portal = TestApp.portal(home);
        Files.createDirectories(remote());

        try (TestApp app = TestApp.start(home, clock, props);
             Mirror.LinkWatcher watcher = new Mirror.LinkWatcher(remote())) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, FEED, "20260320T0900", "portal", DeliveryStatus.DONE);
            assertThat(Mirror.visible(remote())).isEqualTo(Mirror.visible(portal)).containsKeys("list.csv", FEED + "/meta.csv");

            clock.set("2026-04-02T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.UNCHANGED);
            Mirror.await(app, FEED, "20260320T0900", "portal", d -> d.status() == DeliveryStatus.DONE && d.revision() == 2);
            assertThat(Mirror.visible(remote())).isEqualTo(Mirror.visible(portal));

            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-04-03T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, FEED, "20260403T0900", "portal", DeliveryStatus.DONE);
            assertThat(Mirror.visible(remote())).isEqualTo(Mirror.visible(portal))
                    .containsKeys(FEED + "/data-20260403T0900-structure-20260320T0900.csv",
                            FEED + "/data-20260320T0900-structure-20260320T0900.csv");
            assertThat(Fixtures.snapshot(remote())).isEqualTo(Mirror.visible(remote()));
            // MINA FtpServer refuses RNTO onto an existing file, so meta.csv is replaced by delete-then-rename: a
            // reader may miss the passport for that moment (a known FTP limitation); a data or structure file a
            // passport links is never missing
            assertThat(watcher.broken()).allMatch(link -> link.startsWith("list.csv → ") && link.endsWith("/meta.csv"));
        }
    }

    @Test
    void aServerThatIsDownIsRetriedUntilItIsBackAndNoTemporaryFileStays() throws Exception {
        Map<String, Object> props = props();
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, props);
             Mirror.LinkWatcher watcher = new Mirror.LinkWatcher(remote())) {
            server.stop();
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery failed = Mirror.await(app, FEED, "20260320T0900", "portal",
                    d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(failed.lastError()).startsWith("cannot write ftp://").doesNotContain(PASSWORD);
            assertThat(watcher.broken()).isEmpty();

            start(port);
            clock.set(failed.nextAttemptAt());
            Delivery done = Mirror.await(app, FEED, "20260320T0900", "portal", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.lastError()).isNull();
            assertThat(Fixtures.snapshot(remote())).isEqualTo(Mirror.visible(TestApp.portal(home)));
            assertThat(watcher.broken()).isEmpty();
        }
    }
}
