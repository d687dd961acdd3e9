package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ColumnMapRowMapper;

/**
 * The sql sources' row, on a real H2 database: java.time for date and time columns, and otherwise exactly what
 * camel-sql's default mapper gave (same keys, same map, same values), so nothing downstream sees a difference.
 * PostgreSQL's own type names (timestamptz, timetz) are covered by TimestampZonesEndToEndTest.
 */
class SourceRowMapperTest {

    @Test
    void dateAndTimeColumnsComeAsJavaTimeAndTheRestAsBefore() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:rows-" + UUID.randomUUID(), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT, name VARCHAR(20), note CLOB, amount DECIMAL(6, 2), active BOOLEAN,"
                    + " at_tz TIMESTAMP WITH TIME ZONE, at_local TIMESTAMP, on_day DATE, opens TIME, opens_tz TIME WITH TIME ZONE)");
            s.execute("INSERT INTO t VALUES (1, 'Школа', 'длинный текст', 12.50, TRUE,"
                    + " TIMESTAMP WITH TIME ZONE '2024-12-31 20:00:00-05:00', TIMESTAMP '2024-03-10 02:30:00.5',"
                    + " DATE '2024-12-31', TIME '09:00:00', TIME WITH TIME ZONE '09:00:00+07:00')");
            String query = "SELECT id, name AS \"Title\", note, amount, active, at_tz, at_local, on_day, opens, opens_tz FROM t";

            Map<String, Object> row;
            Map<String, Object> springs;
            try (ResultSet rs = s.executeQuery(query)) {
                rs.next();
                row = new SourceRowMapper().mapRow(rs, 0);
            }
            try (ResultSet rs = s.executeQuery(query)) {
                rs.next();
                springs = new ColumnMapRowMapper().mapRow(rs, 0);
            }

            assertThat(row.getClass()).isEqualTo(springs.getClass());
            assertThat(row.keySet()).containsExactlyElementsOf(springs.keySet());
            // keyed by column label, case-insensitively, as before
            assertThat(row.get("title")).isEqualTo("Школа");
            for (String column : new String[] {"ID", "TITLE", "NOTE", "AMOUNT", "ACTIVE"}) {
                assertThat(row.get(column)).as(column).isEqualTo(springs.get(column));
            }
            assertThat(row.get("NOTE")).isEqualTo("длинный текст");

            assertThat(row.get("AT_TZ")).isEqualTo(OffsetDateTime.parse("2024-12-31T20:00:00-05:00"));
            assertThat(row.get("AT_LOCAL")).isEqualTo(LocalDateTime.parse("2024-03-10T02:30:00.5"));
            assertThat(row.get("ON_DAY")).isEqualTo(LocalDate.parse("2024-12-31"));
            assertThat(row.get("OPENS")).isEqualTo(LocalTime.parse("09:00"));
            assertThat(row.get("OPENS_TZ")).isEqualTo(OffsetTime.parse("09:00+07:00"));
        }
    }
}
