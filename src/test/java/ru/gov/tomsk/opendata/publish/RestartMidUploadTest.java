package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.NodeIdentity;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.support.SshKeys;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * A service stopped dead in the middle of an SFTP upload, then started again on the same state database and work
 * directory: it is the same node, so it takes its interrupted delivery back at once. The lease is 30 minutes and the
 * clock stands still, so nothing but that can complete the delivery; it completes within a poll.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartMidUploadTest {

    static final String FEED = Fixtures.FEED;
    static final String V1 = "20260320T0900";
    static final String USER = "portal";
    static final String PASSWORD = "Portal&Pass+42%=x?";

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;
    @TempDir
    Path keys;

    TestSftpServer server;

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRestartedNodeTakesBackItsInterruptedUploadAtOnceNotAfterTheLease(CapturedOutput output) throws Exception {
        server = TestSftpServer.serving(serverRoot).hostKeys(SshKeys.Type.ED25519.generate()).password(USER, PASSWORD)
                .start();
        // the first data file's upload hangs, as one to a stalled server does, until the test cuts the connection
        TestSftpServer.Stall upload = server.stallNextUpload(file -> RemoteTarget.isTemporary(file) && file.contains("data-"));

        Map<String, Object> props = Mirror.serverTarget("portal", "sftp", "localhost", server.port(), USER, "opendata");
        props.putAll(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        String prefix = "opendata.targets.portal.";
        props.put(prefix + "remote.password", PASSWORD);
        props.put(prefix + "remote.known-hosts-file", server.writeKnownHosts(keys.resolve("known_hosts")).toString());
        props.put(prefix + "remote.connect-timeout", "60s");
        props.put("opendata.outbox.backoff-base", "1s");
        props.put("opendata.outbox.lease", "30m");
        // stopped dead: Camel does not wait for the upload in progress (its timer thread is not interrupted either)
        props.put("camel.main.shutdown-timeout", "1");
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Instant leaseTaken = clock.instant();

        String node;
        TestApp first = TestApp.start(home, clock, props);
        try {
            node = first.bean(NodeIdentity.class).id();
            assertThat(first.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(upload.awaitStalled(Duration.ofSeconds(60))).as("the upload began").isTrue();
            Delivery sending = Mirror.find(first, FEED, V1, "portal").orElseThrow();
            assertThat(sending.sending()).isTrue();
            assertThat(sending.claimedBy()).isEqualTo(node);
            assertThat(sending.attempts()).isEqualTo(1);
        } finally {
            first.close();
        }
        // what kill -9 leaves: the lease, held by this node for 30 more minutes of a clock that stands still
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("state/opendata").toAbsolutePath(), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT claimed_by, claimed_until, status FROM delivery")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("claimed_by")).isEqualTo(node);
            assertThat(rs.getObject("claimed_until", java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(leaseTaken.plus(Duration.ofMinutes(30)));
            assertThat(rs.getString("status")).isEqualTo("PENDING");
            // and a run of its own it was in the middle of: a restart must close it, whatever the host is now called
            s.executeUpdate("INSERT INTO feed_run (feed_id, node, started_at, status) VALUES ('" + FEED + "', '" + node
                    + "', TIMESTAMP WITH TIME ZONE '2026-03-20 02:00:00+00', 'RUNNING')");
        }
        // the dead service's upload ends with the connection, long after anything of it could write the state
        upload.cut();

        try (TestApp second = TestApp.start(home, clock, props)) {
            assertThat(second.bean(NodeIdentity.class).id()).as("the same node after its restart").isEqualTo(node);
            assertThat(second.bean(RunLog.class).runs(FEED, 10)).filteredOn(r -> r.status() == RunStatus.FAILED)
                    .extracting(FeedRun::message).containsExactly("interrupted: the service stopped during the run");
            Delivery done = Mirror.await(second, FEED, V1, "portal", DeliveryStatus.DONE);
            assertThat(clock.instant()).as("the lease has not run out").isEqualTo(leaseTaken);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.lastError()).isNull();
            assertThat(done.sending()).isFalse();
            assertThat(output.getAll()).contains("Delivery " + done.id() + " of " + FEED + " version " + V1 + " to portal "
                    + "was interrupted when node " + node + " stopped during attempt 1; it is sent again now");
            Path remote = serverRoot.resolve("opendata");
            assertThat(Mirror.visible(remote)).isEqualTo(Mirror.visible(TestApp.portal(home)));
            // the interrupted upload's temporary file was removed by the attempt that completed it
            assertThat(Fixtures.snapshot(remote)).isEqualTo(Mirror.visible(remote));
        }
    }
}
