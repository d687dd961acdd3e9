package ru.gov.tomsk.opendata.programme.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.StateDatabases;

/**
 * The indicator's query on H2 and PostgreSQL over catalogue rows as the pipeline writes them: the quarter of each
 * dataset's first version in the region's zone, a later version not counted again, a version after the clock (a
 * restored database) not counted yet, and the years of the targets before the first publication shown.
 */
class IndicatorStoreTest {

    @Test
    void onH2() throws Exception {
        StateDatabases.onH2(this::contract);
    }

    @Test
    void onPostgres() throws Exception {
        StateDatabases.onPostgres(this::contract);
    }

    void contract(DataSource database) throws Exception {
        JdbcClient jdbc = JdbcClient.create(database);
        version(jdbc, "7017069388-a", "20251231T2359", "2025-12-31T16:59:00Z");
        version(jdbc, "7017069388-a", "20260301T1000", "2026-03-01T03:00:00Z");
        version(jdbc, "7017069388-b", "20260101T0000", "2025-12-31T17:00:00Z");
        version(jdbc, "7017069388-c", "20260701T1000", "2026-07-01T03:00:00Z");
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T03:00:00Z"));
        Indicator indicator = new PublishedIndicator(jdbc, clock, ZoneId.of("Asia/Tomsk"), Map.of(2025, 1, 2026, 4))
                .now();
        assertThat(indicator.published()).isEqualTo(2);
        assertThat(indicator.quarters()).containsExactly(
                new QuarterCount(2025, 1, 0, 0, null, true),
                new QuarterCount(2025, 2, 0, 0, null, true),
                new QuarterCount(2025, 3, 0, 0, null, true),
                new QuarterCount(2025, 4, 1, 1, 1, true),
                new QuarterCount(2026, 1, 1, 2, null, true),
                new QuarterCount(2026, 2, 0, 2, null, false));
        assertThat(indicator.quarters().get(3).percentOfTarget()).hasToString("100.0");
        assertThat(indicator.targets()).containsExactly(new YearTarget(2025, 1, 1L, true),
                new YearTarget(2026, 4, 2L, false));
        assertThat(indicator.targets().get(1).percent()).hasToString("50.0");
    }

    static void version(JdbcClient jdbc, String identifier, String version, String at) {
        if (jdbc.sql("SELECT COUNT(*) FROM dataset WHERE identifier = ?").param(identifier).query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO dataset (identifier) VALUES (?)").param(identifier).update();
            jdbc.sql("INSERT INTO structure_version (identifier, version, fingerprint, created_at) VALUES (?, ?, ?, ?)")
                    .params(identifier, version, "0".repeat(64), Instant.parse(at).atOffset(ZoneOffset.UTC)).update();
        }
        String structure = jdbc.sql("SELECT MIN(version) FROM structure_version WHERE identifier = ?").param(identifier)
                .query(String.class).single();
        jdbc.sql("INSERT INTO data_version (identifier, version, structure_version, fingerprint, row_count, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(identifier, version, structure, "0".repeat(64), 1, Instant.parse(at).atOffset(ZoneOffset.UTC))
                .update();
    }
}
