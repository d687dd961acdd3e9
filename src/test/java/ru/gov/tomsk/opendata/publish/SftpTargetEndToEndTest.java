package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
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
        Map<String, Object> props = Mirror.serverTarget("portal", "sftp", "localhost", port, USER, "upload/opendata");
        String prefix = "opendata.targets.portal.";
        if (privateKey) {
            props.put(prefix + "remote.private-key-file", privateKeyFile().toString());
            props.put(prefix + "remote.private-key-passphrase", "${PORTAL_KEY_PASSPHRASE}");
            props.put("PORTAL_KEY_PASSPHRASE", PASSPHRASE);
        } else {
            props.put(prefix + "remote.password", "${PORTAL_SFTP_PASSWORD}");
            props.put("PORTAL_SFTP_PASSWORD", PASSWORD);
        }
        props.put(prefix + "remote.known-hosts-file", knownHosts.toString());
        props.put("opendata.outbox.backoff-base", "1s");
        props.put("opendata.outbox.backoff-cap", "4s");
        return props;
    }

    @Test
    void theServerTreeEqualsThePublishedTreeAfterEveryVersionAndNeverLinksToAMissingFile() throws Exception {
        assertThat(ServerScenarios.threeVersions(home, props(knownHosts(server.hostKey()), false), remote())).isEmpty();
    }

    @Test
    void aServerThatIsDownIsRetriedUntilItIsBackAndNoTemporaryFileStays() throws Exception {
        assertThat(ServerScenarios.downUntilBack(home, props(knownHosts(server.hostKey()), true), remote(), server::stop,
                server::restart, error -> assertThat(error)
                        .startsWith("cannot write sftp://***@localhost:" + port + "/upload/opendata: ").contains("Connection refused")
                        .doesNotContain(PASSPHRASE))).isEmpty();
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
        assertThat(ServerScenarios.crashMidDelivery(home, props(knownHosts(server.hostKey()), false), remote(),
                server.crashAfterNextUpload(), "sftp", PASSWORD, server::isStopped, server::restart)).isEmpty();
    }
}
