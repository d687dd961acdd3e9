package ru.gov.tomsk.opendata.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.DryRunResult;
import ru.gov.tomsk.opendata.ops.DryRuns;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.Golden;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * Dates and times reach citizens as the source holds them, whatever zone the service's JVM runs in: a PostgreSQL
 * view with {@code timestamptz}, {@code timestamp}, {@code date}, {@code time} and {@code timetz} values (summer,
 * winter, the turn of the year across the date line, offsets from -10 to +12, Tomsk's former +06, a local time that
 * New York skips) is published through a sql feed, and every data file must equal its golden byte for byte.
 *
 * <p>Surefire runs this class once per JVM zone — UTC, Asia/Tomsk, America/New_York (pom.xml, executions
 * {@code zone-*}) — each against the same goldens. A zone is fixed when a JVM starts (the driver, Quartz and the
 * JDK cache it), so only a JVM of its own per zone tests it honestly.
 */
class TimestampZonesEndToEndTest {

    static final String FEED = "7017069388-timestamps";
    /** The zone an execution in pom.xml starts the JVM in (-Duser.timezone) and tells the test to expect. */
    static final String EXPECTED_ZONE = "opendata.test.jvm-zone";
    // 09:00 in Tomsk: version 20260320T0900
    static final String RUN = "2026-03-20T02:00:00Z";
    static final String STEM = "data-20260320T0900-structure-20260320T0900";
    static final String USER = "postgres";

    @TempDir
    Path home;

    @Test
    void theJvmRunsInTheZoneItsExecutionSetsUp() {
        String expected = System.getProperty(EXPECTED_ZONE);
        // run by hand (an IDE, -Dtest=…) the JVM keeps its own zone, and the goldens must hold there as well
        assumeTrue(expected != null, "not run by a zone-* execution of pom.xml");
        assertThat(TimeZone.getDefault().getID()).as("the JVM's default zone (-Duser.timezone of the execution)")
                .isEqualTo(expected);
    }

    @Test
    void publishesTheSameBytesWhateverTheJvmZone() throws Exception {
        Fixtures.installFeed(home, FEED + ".yaml", FEED + ".yaml");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             TestApp app = TestApp.start(home, new MutableClock(Instant.parse(RUN)),
                     Fixtures.sourceProperties(load(postgres), USER, ""))) {
            // a dry run reads through its own camel-sql endpoint: it must show what the run publishes
            DryRunResult dryRun = app.bean(DryRuns.class).dryRun(FEED, 20);

            FeedRun run = app.run(FEED);

            assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(run.rowsRead()).isEqualTo(9);
            assertThat(run.rowsWritten()).isEqualTo(9);
            Path dir = TestApp.portal(home).resolve(FEED);
            for (String extension : List.of("csv", "json", "xml", "geojson")) {
                Golden.assertMatches(dir.resolve(STEM + "." + extension), "timestamps/data." + extension);
            }

            assertThat(dryRun.error()).isNull();
            assertThat(dryRun.rowsValid()).isEqualTo(9);
            List<String> published = Fixtures.lines(dir.resolve(STEM + ".csv"));
            // no value of this dataset needs CSV quoting, so a row is its values joined by commas
            List<String> previewed = new ArrayList<>(List.of(String.join(",", dryRun.header())));
            for (List<String> row : dryRun.firstRows()) {
                previewed.add(String.join(",", row.stream().map(v -> v == null ? "" : v).toList()));
            }
            assertThat(previewed).isEqualTo(published);
        }
    }

    /** The view of timestamps.sql in the instance's own database; returns its JDBC URL. */
    private static String load(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("e2e/timestamps.sql"));
        }
        return postgres.getJdbcUrl(USER, "postgres");
    }
}
