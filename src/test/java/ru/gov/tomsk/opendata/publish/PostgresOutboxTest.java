package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/** The outbox on PostgreSQL as the state database: V4 and V7_3 migrate, and the claim, retry, done and lease updates run there too. */
class PostgresOutboxTest {

    static final String FEED = Fixtures.FEED;
    static final String V1 = "20260320T0900";

    @TempDir
    Path home;

    @Test
    void racingNodesEachWinDifferentDeliveriesOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            ClaimRace.run(postgres.getPostgresDatabase());
        }
    }

    @Test
    void aDeadNodesLeaseIsNotShownAsSendingAndItsRestartTakesItBackOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            NodeLeases.run(postgres.getPostgresDatabase());
        }
    }

    @Test
    void deliversOnceWithPostgresAsTheStateDatabase() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Path mirror = home.resolve("regional");
            Files.writeString(mirror, "not mounted yet");
            Map<String, Object> props = Mirror.directoryTarget("regional", mirror);
            props.putAll(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
            props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
            Fixtures.installFixtureFeed(home);
            MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

            try (TestApp app = TestApp.start(home, clock, props)) {
                assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
                Delivery failed = Mirror.await(app, FEED, V1, "regional", d -> d.attempts() == 1 && d.claimedBy() == null);
                assertThat(failed.lastError()).contains("is not a directory");

                Files.delete(mirror);
                clock.set(failed.nextAttemptAt());
                Delivery done = Mirror.await(app, FEED, V1, "regional", DeliveryStatus.DONE);
                assertThat(done.attempts()).isEqualTo(2);
                assertThat(Mirror.visible(mirror)).isEqualTo(Mirror.visible(TestApp.portal(home)));
            }
            // the rows are PostgreSQL's
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT target, status, attempts FROM delivery WHERE identifier = '" + FEED + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("regional");
                assertThat(rs.getString(2)).isEqualTo("DONE");
                assertThat(rs.getInt(3)).isEqualTo(2);
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
