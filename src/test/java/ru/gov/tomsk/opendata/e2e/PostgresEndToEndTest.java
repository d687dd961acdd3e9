package ru.gov.tomsk.opendata.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.dataset.CleanupCount;
import ru.gov.tomsk.opendata.dataset.CleanupKind;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.Golden;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The production shape: PostgreSQL as the source system and as the state database, through the real
 * application. The published bytes must equal the H2 run's golden files — the database must not show.
 */
class PostgresEndToEndTest {

    static final String FEED = Fixtures.FEED;
    // 09:00 in Tomsk (UTC+7), as in PublicationEndToEndTest: same stamps, same goldens
    static final String FIRST_RUN = "2026-03-20T02:00:00Z";
    static final String USER = "postgres";
    static final String PASSWORD = "";

    /** Holds the state databases of both tests and the source database of the first one. */
    static EmbeddedPostgres postgres;

    @TempDir
    Path home;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void publishesTheSameBytesAsFromH2WithPostgresAsSourceAndStateDatabase() throws Exception {
        String source = fixtureSource("fixture_source");
        String state = createDatabase(postgres, "state_publication");
        Map<String, Object> props = properties(source, state);
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse(FIRST_RUN));
        Path dir = TestApp.portal(home).resolve(FEED);

        try (TestApp app = TestApp.start(home, clock, props)) {
            // Flyway ran the migrations on PostgreSQL, not on some H2 fallback
            assertThat(tables(state)).contains("dataset", "data_version", "structure_version", "feed_run");
            assertThat(query(state, "SELECT version FROM flyway_schema_history WHERE success"))
                    .isNotEmpty().containsExactlyInAnyOrderElementsOf(migrationVersions());

            FeedRun first = app.run(FEED);
            assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(first.rowsRead()).isEqualTo(4);
            assertThat(first.rowsWritten()).isEqualTo(4);
            assertThat(first.dataVersion()).isEqualTo("20260320T0900");
            // the clean-up record (V6_5) on PostgreSQL: the padded name of organisation 3 was trimmed
            assertThat(first.cleanup()).extracting(CleanupCount::field, CleanupCount::kind, CleanupCount::values)
                    .containsExactly(tuple("name", CleanupKind.EDGES, 1L));

            // the very goldens of the H2 run
            Golden.assertMatches(TestApp.portal(home).resolve("list.csv"), "fixture/list.csv");
            Golden.assertMatches(dir.resolve("meta.csv"), "fixture/meta.csv");
            Golden.assertMatches(dir.resolve("structure-20260320T0900.csv"), "fixture/structure.csv");
            Golden.assertMatches(dir.resolve("data-20260320T0900-structure-20260320T0900.csv"), "fixture/data.csv");

            // unchanged content: no new file, `valid` moves to the next quarter's deadline
            Map<String, String> before = Fixtures.snapshot(dir);
            clock.set("2026-04-02T02:00:00Z");
            FeedRun unchanged = app.run(FEED);
            assertThat(unchanged.status()).as(unchanged.message()).isEqualTo(RunStatus.UNCHANGED);
            assertThat(unchanged.dataVersion()).isEqualTo("20260320T0900");
            assertThat(Fixtures.snapshot(dir).keySet()).isEqualTo(before.keySet());
            assertThat(Fixtures.lines(dir.resolve("meta.csv"))).contains("valid,20260925").doesNotContain("valid,20260625");

            // a changed row: a new data version, listed first (row 15, the one consumers read)
            Fixtures.execute(source, USER, PASSWORD, "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-04-03T02:00:00Z");
            FeedRun changed = app.run(FEED);
            assertThat(changed.status()).as(changed.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(changed.dataVersion()).isEqualTo("20260403T0900");
            List<String> meta = Fixtures.lines(dir.resolve("meta.csv"));
            assertThat(meta.get(15)).startsWith("data-20260403T0900-structure-20260320T0900,");
            assertThat(meta.get(16)).startsWith("data-20260320T0900-structure-20260320T0900,");
            assertThat(meta.get(17)).startsWith("structure-20260320T0900,");
            assertThat(Fixtures.lines(dir.resolve("data-20260403T0900-structure-20260320T0900.csv")).get(1))
                    .startsWith("1,Школа № 1,\"Адрес: г. Томск, ул. Ленина, д. 1\",99.9,");
            assertThat(Fixtures.snapshot(dir).get("data-20260320T0900-structure-20260320T0900.csv"))
                    .isEqualTo(before.get("data-20260320T0900-structure-20260320T0900.csv"));

            // the catalogue state lives in PostgreSQL
            assertThat(query(state, "SELECT version FROM data_version WHERE identifier = '" + FEED + "' ORDER BY version"))
                    .containsExactly("20260320T0900", "20260403T0900");
            assertThat(query(state, "SELECT status FROM feed_run WHERE feed_id = '" + FEED + "' ORDER BY id"))
                    .containsExactly("PUBLISHED", "UNCHANGED", "PUBLISHED");
        }
    }

    @Test
    void sourceDatabaseDownFailsTheRunKeepsThePublishedTreeAndTheNextRunRecoversWithoutRestart() throws Exception {
        Path sourceData = home.resolve("source-pgdata");
        int port = freePort();
        EmbeddedPostgres source = startSource(sourceData, port);
        try {
            Fixtures.loadFixture(source.getPostgresDatabase());
            String sourceUrl = source.getJdbcUrl(USER, "postgres");
            String state = createDatabase(postgres, "state_source_down");
            Fixtures.installFixtureFeed(home);
            MutableClock clock = new MutableClock(Instant.parse(FIRST_RUN));

            try (TestApp app = TestApp.start(home, clock, properties(sourceUrl, state))) {
                FeedRun first = app.run(FEED);
                assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.PUBLISHED);
                Map<String, String> published = Fixtures.snapshot(TestApp.portal(home));
                assertThat(published).containsKeys("list.csv", FEED + "/meta.csv");

                // the source system goes down. The pool still holds the first run's connection, now dead:
                // whether Hikari hands it out (used < 500 ms ago) or validates and drops it, the run fails
                source.close();
                source = null;
                clock.set("2026-03-21T02:00:00Z");
                FeedRun failed = app.run(FEED);
                assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
                assertThat(failed.message()).startsWith("source failed:");
                assertThat(Fixtures.snapshot(TestApp.portal(home))).isEqualTo(published);

                // no pooled connection is left, so this run must connect and is refused
                // (it waits for Hikari's connection timeout, 30 s, before it fails)
                clock.set("2026-03-21T03:00:00Z");
                FeedRun refused = app.run(FEED);
                assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
                assertThat(refused.message()).startsWith("source failed:").containsIgnoringCase("refused");
                assertThat(Fixtures.snapshot(TestApp.portal(home))).isEqualTo(published);

                // the same database comes back on the same port; the running service picks it up
                source = startSource(sourceData, port);
                clock.set("2026-03-22T02:00:00Z");
                FeedRun recovered = app.run(FEED);
                assertThat(recovered.status()).as(recovered.message()).isEqualTo(RunStatus.UNCHANGED);
                assertThat(recovered.dataVersion()).isEqualTo(first.dataVersion());
                assertThat(query(state, "SELECT status FROM feed_run WHERE feed_id = '" + FEED + "' ORDER BY id"))
                        .containsExactly("PUBLISHED", "FAILED", "FAILED", "UNCHANGED");
            }
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }

    @Test
    void aQueryRunningLongerThanTheSourcesTimeoutFailsItsRun() throws Exception {
        String source = fixtureSource("fixture_timeout");
        Fixtures.execute(source, USER, PASSWORD, "CREATE VIEW fixture.v_stuck AS "
                + "SELECT o.* FROM fixture.v_organisations o, pg_sleep(30) s");
        Map<String, Object> props = properties(source, createDatabase(postgres, "state_timeout"));
        props.put("opendata.datasources.fixture.query-timeout", "1s");
        Fixtures.installFixtureFeed(home);
        java.nio.file.Path feedFile = TestApp.feeds(home).resolve(FEED + ".yaml");
        java.nio.file.Files.writeString(feedFile,
                java.nio.file.Files.readString(feedFile).replace("fixture.v_organisations", "fixture.v_stuck"));
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse(FIRST_RUN)), props)) {
            FeedRun run = app.run(FEED);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.message()).startsWith("source failed:").contains("statement timeout");
            assertThat(java.time.Duration.between(run.startedAt(), run.finishedAt())).isLessThan(java.time.Duration.ofSeconds(20));
        }
    }

    @Test
    void aSlowFeedDoesNotHoldBackAnotherFeedsRun() throws Exception {
        String source = fixtureSource("fixture_slow");
        // a source view that takes its time, as a real one under load does
        Fixtures.execute(source, USER, PASSWORD, "CREATE VIEW fixture.v_slow AS "
                + "SELECT o.* FROM fixture.v_organisations o, pg_sleep(8) s");
        Map<String, Object> props = properties(source, createDatabase(postgres, "state_slow"));
        Fixtures.installFixtureFeed(home);
        String slow = "7017069388-slow";
        java.nio.file.Path feeds = TestApp.feeds(home);
        java.nio.file.Files.writeString(feeds.resolve(slow + ".yaml"),
                java.nio.file.Files.readString(feeds.resolve(FEED + ".yaml"))
                        .replace("identifier: " + FEED, "identifier: " + slow)
                        .replace("fixture.v_organisations", "fixture.v_slow"));
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse(FIRST_RUN)), props)) {
            app.bean(ru.gov.tomsk.opendata.source.FeedRoutes.class).runNow(slow);
            // the run is visible as soon as the feed fires, while the source is still working
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> !app.runs(slow).isEmpty());
            assertThat(app.runs(slow).get(0).status()).isEqualTo(RunStatus.RUNNING);

            FeedRun fast = app.run(FEED);

            assertThat(fast.status()).isEqualTo(RunStatus.PUBLISHED);
            // the other feed published while the slow one was still reading its source
            assertThat(app.runs(slow).get(0).status()).isEqualTo(RunStatus.RUNNING);
            FeedRun slowRun = app.awaitRun(slow, 0, java.time.Duration.ofSeconds(60));
            assertThat(slowRun.status()).isEqualTo(RunStatus.PUBLISHED);
        }
    }

    private static EmbeddedPostgres startSource(Path dataDirectory, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port).start();
    }

    private static Map<String, Object> properties(String sourceUrl, String stateUrl) {
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(sourceUrl, USER, PASSWORD));
        props.put("spring.datasource.url", stateUrl);
        props.put("spring.datasource.username", USER);
        props.put("spring.datasource.password", PASSWORD);
        return props;
    }

    /** Creates a database in the instance and returns its JDBC URL. */
    /** A new database holding the fixture schema and rows; its JDBC URL. */
    private static String fixtureSource(String name) throws Exception {
        String source = createDatabase(postgres, name);
        Fixtures.loadFixture(postgres.getDatabase(USER, name));
        return source;
    }

    private static String createDatabase(EmbeddedPostgres pg, String name) {
        Fixtures.execute(pg.getJdbcUrl(USER, "postgres"), USER, PASSWORD, "CREATE DATABASE " + name);
        return pg.getJdbcUrl(USER, name);
    }

    /** Versions of the migration scripts shipped in db/migration: every one must have run. */
    private static List<String> migrationVersions() throws IOException {
        List<String> versions = new ArrayList<>();
        for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql")) {
            String name = script.getFilename();
            versions.add(name.substring(1, name.indexOf("__")).replace('_', '.'));
        }
        return versions;
    }

    private static List<String> tables(String url) throws SQLException {
        return query(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    }

    private static List<String> query(String url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
