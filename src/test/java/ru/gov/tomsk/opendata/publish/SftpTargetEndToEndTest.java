package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.SshKeys;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * {@code kind: sftp} through the real application against a real SSH server (Apache MINA SSHD): the server's tree
 * follows the published tree version after version, a server that is down is retried until it is back (logging in
 * with an encrypted ed25519 key whose passphrase comes from the environment), and a server whose host key is not
 * known is refused. Key types and formats one by one: {@link SftpKeysTest}.
 */
class SftpTargetEndToEndTest {

    static final String FEED = Fixtures.FEED;
    static final String USER = "portal";
    static final String PASSWORD = "Portal&Sftp+42%=x?";
    static final String PASSPHRASE = "Key&Pass+7";

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;
    @TempDir
    Path keys;

    TestSftpServer server;
    /** What ssh-keygen makes today by default. */
    final SshKeys.Type clientKeyType = SshKeys.Type.ED25519;
    KeyPair clientKey;
    int port;

    @BeforeEach
    void startSshServer() throws Exception {
        clientKey = clientKeyType.generate();
        server = TestSftpServer.serving(serverRoot).password(USER, PASSWORD).publicKey(USER, clientKey.getPublic())
                .start();
        port = server.port();
    }

    @AfterEach
    void stopSshServer() throws Exception {
        server.close();
    }

    Path remote() {
        return serverRoot.resolve("upload/opendata");
    }

    Path knownHosts(KeyPair key) throws Exception {
        return server.writeKnownHosts(keys.resolve("known_hosts"), key);
    }

    Path privateKeyFile() throws Exception {
        return SshKeys.write(clientKey, SshKeys.Format.OPENSSH, PASSPHRASE, keys.resolve("id_" + clientKeyType));
    }

    /** The target's settings as application.yml would hold them, secrets as placeholders resolved from the environment. */
    Map<String, Object> props(Path knownHosts, boolean privateKey) throws Exception {
        Map<String, Object> props = new HashMap<>();
        String prefix = "opendata.targets.portal.";
        props.put(prefix + "kind", "sftp");
        props.put(prefix + "remote.host", "localhost");
        props.put(prefix + "remote.port", String.valueOf(port));
        props.put(prefix + "remote.username", USER);
        if (privateKey) {
            props.put(prefix + "remote.private-key-file", privateKeyFile().toString());
            props.put(prefix + "remote.private-key-passphrase", "${PORTAL_KEY_PASSPHRASE}");
            props.put("PORTAL_KEY_PASSPHRASE", PASSPHRASE);
        } else {
            props.put(prefix + "remote.password", "${PORTAL_SFTP_PASSWORD}");
            props.put("PORTAL_SFTP_PASSWORD", PASSWORD);
        }
        props.put(prefix + "remote.known-hosts-file", knownHosts.toString());
        props.put(prefix + "remote.directory", "upload/opendata");
        props.put("opendata.outbox.poll-interval", "100ms");
        props.put("opendata.outbox.backoff-base", "1s");
        props.put("opendata.outbox.backoff-cap", "4s");
        return props;
    }

    @Test
    void theServerTreeEqualsThePublishedTreeAfterEveryVersionAndNeverLinksToAMissingFile() throws Exception {
        String source = Fixtures.h2Source();
        Map<String, Object> props = props(knownHosts(server.hostKey()), false);
        props.putAll(Fixtures.sourceProperties(source, "sa", ""));
        Fixtures.installFixtureFeed(home);
        Files.createDirectories(remote());
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Path portal = TestApp.portal(home);

        try (TestApp app = TestApp.start(home, clock, props);
             Mirror.LinkWatcher watcher = new Mirror.LinkWatcher(remote())) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery v1 = Mirror.await(app, FEED, "20260320T0900", "portal", DeliveryStatus.DONE);
            assertThat(v1.lastError()).isNull();
            assertThat(Mirror.visible(remote())).isEqualTo(Mirror.visible(portal)).containsKeys("list.csv", FEED + "/meta.csv");

            // unchanged: only `valid` moves in the passport (same length, other bytes)
            clock.set("2026-04-02T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.UNCHANGED);
            Mirror.await(app, FEED, "20260320T0900", "portal", d -> d.status() == DeliveryStatus.DONE && d.revision() == 2);
            assertThat(Fixtures.lines(remote().resolve(FEED).resolve("meta.csv"))).contains("valid,20260925");
            assertThat(Mirror.visible(remote())).isEqualTo(Mirror.visible(portal));

            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-04-03T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, FEED, "20260403T0900", "portal", DeliveryStatus.DONE);
            assertThat(Mirror.visible(remote())).isEqualTo(Mirror.visible(portal))
                    .containsKeys(FEED + "/data-20260403T0900-structure-20260320T0900.csv",
                            FEED + "/data-20260320T0900-structure-20260320T0900.csv");
            // nothing hidden is left on the server
            assertThat(Fixtures.snapshot(remote())).isEqualTo(Mirror.visible(remote()));
            assertThat(watcher.broken()).isEmpty();
        }
    }

    @Test
    void aServerThatIsDownIsRetriedUntilItIsBackAndNoTemporaryFileStays() throws Exception {
        Map<String, Object> props = props(knownHosts(server.hostKey()), true);
        props.putAll(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, props);
             Mirror.LinkWatcher watcher = new Mirror.LinkWatcher(remote())) {
            server.stop();
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery failed = Mirror.await(app, FEED, "20260320T0900", "portal",
                    d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(failed.lastError()).startsWith("cannot write sftp://***@localhost:" + port + "/upload/opendata: ").contains("Connection refused")
                    .doesNotContain(PASSPHRASE);
            assertThat(watcher.broken()).isEmpty();

            server.restart();
            clock.set(failed.nextAttemptAt());
            Delivery done = Mirror.await(app, FEED, "20260320T0900", "portal", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.lastError()).isNull();
            assertThat(Fixtures.snapshot(remote())).isEqualTo(Mirror.visible(TestApp.portal(home)));
            assertThat(watcher.broken()).isEmpty();
        }
    }

    @Test
    void aServerWhoseHostKeyIsNotKnownIsRefused() throws Exception {
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Map<String, Object> props = props(knownHosts(other), false);
        props.putAll(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery refused = Mirror.await(app, FEED, "20260320T0900", "portal",
                    d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(refused.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(refused.lastError()).contains("host key ecdsa-sha2-nistp256 SHA256:", "of localhost:" + port + " is not accepted by",
                    "opendata.targets.portal.remote.known-hosts-file").doesNotContain(PASSWORD);
            assertThat(serverRoot.resolve("upload")).doesNotExist();
        }
    }

    @Test
    void aServerStoppedMidDeliveryIsCompletedAfterRetriesWithNoTemporaryFileLeftAndNoBrokenLink() throws Exception {
        String source = Fixtures.h2Source();
        Map<String, Object> props = props(knownHosts(server.hostKey()), false);
        props.putAll(Fixtures.sourceProperties(source, "sa", ""));
        Fixtures.installFixtureFeed(home);
        Files.createDirectories(remote());
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Path portal = TestApp.portal(home);

        try (TestApp app = TestApp.start(home, clock, props);
             Mirror.LinkWatcher watcher = new Mirror.LinkWatcher(remote())) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, FEED, "20260320T0900", "portal", DeliveryStatus.DONE);

            CrashMidDelivery.secondVersion(app, clock, source, portal, remote(), server.crashAfterNextUpload(), "sftp",
                    PASSWORD, server::isStopped, server::restart);
            assertThat(watcher.broken()).isEmpty();
        }
    }
}
