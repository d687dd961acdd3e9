package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.source.Drops.CHANGED_CSV;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;
import static ru.gov.tomsk.opendata.source.Drops.GOOD_CSV;
import static ru.gov.tomsk.opendata.source.Drops.RAGGED_CSV;

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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.SshKeys;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * Source kind {@code sftp} against a real SSH server (Apache MINA SSHD with its SFTP subsystem) with a host key
 * generated for the test: password and private-key logins, host-key checking on by default, and secrets (password,
 * key passphrase) that never show in a log line, a run's message or a reason file.
 */
@ExtendWith(OutputCaptureExtension.class)
class SftpSourceTest {

    static final String USER = "opendata";
    /** Characters that break a URI unless the template passes the password RAW. */
    static final String PASSWORD = "Sftp&Secret+42%3=a?b#c";
    static final String PASSPHRASE = "Key&Pass+phrase%7";
    static final String PASSWORD_SOURCE = Drops.sftpSource("inbox", "1s");
    static final String KEY_SOURCE = """
              kind: sftp
              host: localhost
              port: ${SFTP_PORT}
              username: ${SFTP_USER}
              privateKeyFile: ${SFTP_KEY_FILE}
              privateKeyPassphrase: ${SFTP_KEY_PASSPHRASE}
              knownHostsFile: ${SFTP_KNOWN_HOSTS}
              directory: inbox
              include: organisations*.csv
              minAge: 1s
              format: csv
            """;

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;
    @TempDir
    Path keys;

    TestSftpServer server;
    KeyPair clientKey;

    @BeforeEach
    void startSshServer() throws Exception {
        clientKey = SshKeys.Type.RSA.generate();
        server = TestSftpServer.serving(serverRoot).password(USER, PASSWORD).publicKey(USER, clientKey.getPublic())
                .start();
    }

    @AfterEach
    void stopSshServer() throws Exception {
        server.close();
    }

    Path inbox() {
        return serverRoot.resolve("inbox");
    }

    /** A known_hosts file that holds the given key for this server, as {@code ssh-keyscan} would write it. */
    Path knownHosts(KeyPair key) throws Exception {
        return server.writeKnownHosts(keys.resolve("known_hosts"), key);
    }

    /** The client's private key in OpenSSH format, encrypted with {@link #PASSPHRASE}. */
    Path privateKeyFile() throws Exception {
        return SshKeys.write(clientKey, SshKeys.Format.OPENSSH, PASSPHRASE, keys.resolve("id_rsa"));
    }

    Map<String, Object> props(Path knownHosts) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("SFTP_PORT", String.valueOf(server.port()));
        props.put("SFTP_USER", USER);
        props.put("SFTP_PASSWORD", PASSWORD);
        props.put("SFTP_KNOWN_HOSTS", knownHosts.toString());
        props.put("SFTP_KEY_FILE", privateKeyFile().toString());
        props.put("SFTP_KEY_PASSPHRASE", PASSPHRASE);
        return props;
    }

    @Test
    void aDropIsPublishedOverAPasswordLoginArchivedOnTheServerAndNotProcessedAgainAfterARestart(CapturedOutput output)
            throws Exception {
        Drops.installFeed(home, PASSWORD_SOURCE);
        Drops.assertPublishedOnceAcrossARestart(home, inbox(), props(knownHosts(server.hostKey())), () -> { });
        Drops.assertLogsHide(output, PASSWORD);
    }

    @Test
    void signsInWithAnEncryptedPrivateKeyAndMovesABadDropToErrorWithItsReason(CapturedOutput output) throws Exception {
        Drops.installFeed(home, KEY_SOURCE);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, props(knownHosts(server.hostKey())))) {
            Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
            FeedRun first = Drops.run(app, FEED);
            assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.PUBLISHED);
            Map<String, String> published = Fixtures.snapshot(TestApp.portal(home));

            assertThat(Drops.assertBadDropRefused(app, clock, home, inbox(), published)).doesNotContain(PASSPHRASE);
        }
        Drops.assertLogsHide(output, PASSPHRASE, PASSWORD);
    }

    @Test
    void aServerWhoseHostKeyIsNotInKnownHostsIsRefusedUntilItIs(CapturedOutput output) throws Exception {
        Drops.installFeed(home, PASSWORD_SOURCE);
        // known_hosts knows other servers only; the feed does not set strictHostKeyChecking, so checking is on
        Path knownHosts = Files.writeString(keys.resolve("known_hosts"), TestSftpServer.knownHostsLine("files.example.ru", 22,
                KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256)) + "\n");
        String server = "sftp://" + USER + "@localhost:" + this.server.port();
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                props(knownHosts))) {
            Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
            FeedRun unknown = Drops.run(app, FEED);
            assertThat(unknown.status()).isEqualTo(RunStatus.FAILED);
            assertThat(unknown.message()).startsWith("source failed: cannot read " + server + "/inbox: ")
                    .contains("reject HostKey").contains("the server's host key is not in known_hosts")
                    .doesNotContain(PASSWORD);
            // the credentials never reached the server, and the drop is untouched
            assertThat(Drops.files(inbox())).containsExactly("organisations.csv");

            // a different key for this very server (what a spoofed server looks like) is refused too
            knownHosts(KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256));
            FeedRun changed = Drops.run(app, FEED);
            assertThat(changed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(changed.message()).contains("HostKey has been changed").contains("may be impersonated");

            // once the operator adds the server's real key, the same feed reads the drop
            knownHosts(this.server.hostKey());
            FeedRun accepted = Drops.run(app, FEED);
            assertThat(accepted.status()).as(accepted.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Drops.files(inbox())).isEmpty();
        }
        Drops.assertLogsHide(output, PASSWORD);
    }
}
