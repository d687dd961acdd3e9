package ru.gov.tomsk.opendata.programme.departments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;

import ru.gov.tomsk.opendata.support.StateDatabases;

/**
 * The reports' mail ledger on H2 and PostgreSQL: of nodes claiming a department's period at once exactly one wins
 * (the report is mailed once per period, cluster-wide), and what came of it is read back. And the periods of the
 * schedule: the fire time that opened the period a moment is in.
 */
class ProgrammeStateTest {

    @Test
    void onH2() throws Exception {
        StateDatabases.onH2(this::contract);
    }

    @Test
    void onPostgres() throws Exception {
        StateDatabases.onPostgres(this::contract);
    }

    void contract(DataSource database) throws Exception {
        ReportMails mails = new ReportMails(JdbcClient.create(database));
        Instant now = Instant.parse("2026-07-01T02:00:00Z");
        String period = "2026-07-01T09:00+07:00";
        ExecutorService nodes = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int node = 0; node < 6; node++) {
                String name = "node-" + node;
                claims.add(() -> mails.claim("7017069388", period, name, now));
            }
            List<Boolean> won = new ArrayList<>();
            for (Future<Boolean> claim : nodes.invokeAll(claims)) {
                won.add(claim.get());
            }
            assertThat(won).containsOnlyOnce(true);
        } finally {
            nodes.shutdownNow();
        }
        assertThat(mails.claim("7017069388", period, "late-node", now.plusSeconds(60))).isFalse();
        // another department, another period: its own claim
        assertThat(mails.claim("7017107837", period, "node-0", now)).isTrue();
        assertThat(mails.claim("7017069388", "2026-08-01T09:00+07:00", "node-0", now.plusSeconds(86400L * 31)))
                .isTrue();

        mails.finish("7017069388", period, ReportMails.State.SENT, "opendata@edu.tomsk.example", 6, now, null);
        mails.finish("7017069388", "2026-08-01T09:00+07:00", ReportMails.State.FAILED, "opendata@edu.tomsk.example",
                6, null, "x".repeat(1500));
        ReportMails.Sent newest = mails.newest("7017069388").orElseThrow();
        assertThat(newest.period()).isEqualTo("2026-08-01T09:00+07:00");
        assertThat(newest.state()).isEqualTo(ReportMails.State.FAILED);
        assertThat(newest.error()).hasSize(1000);
        assertThat(mails.count("7017069388", ReportMails.State.SENT)).isEqualTo(1);
        assertThat(mails.newest("7000000000")).isEmpty();
    }

    @Test
    void aPeriodStartsAtTheFireTimeOfTheScheduleBeforeIt() {
        ZoneId tomsk = ZoneId.of("Asia/Tomsk");
        CronExpression monthly = CronExpression.parse("0 0 9 1 * *");
        assertThat(DepartmentReportMailer.periodStart(monthly, ZonedDateTime.of(2026, 7, 1, 8, 59, 0, 0, tomsk)))
                .isEqualTo(ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, tomsk));
        assertThat(DepartmentReportMailer.periodStart(monthly, ZonedDateTime.of(2026, 7, 1, 9, 0, 0, 0, tomsk)))
                .isEqualTo(ZonedDateTime.of(2026, 7, 1, 9, 0, 0, 0, tomsk));
        assertThat(DepartmentReportMailer.periodStart(monthly, ZonedDateTime.of(2026, 7, 20, 0, 0, 0, 0, tomsk)))
                .isEqualTo(ZonedDateTime.of(2026, 7, 1, 9, 0, 0, 0, tomsk));
        CronExpression everyMinute = CronExpression.parse("0 * * * * *");
        assertThat(DepartmentReportMailer.periodStart(everyMinute, ZonedDateTime.of(2026, 7, 20, 0, 0, 30, 0,
                ZoneOffset.UTC))).isEqualTo(ZonedDateTime.of(2026, 7, 20, 0, 0, 0, 0, ZoneOffset.UTC));
        CronExpression yearly = CronExpression.parse("0 0 9 15 1 *");
        assertThat(DepartmentReportMailer.periodStart(yearly, ZonedDateTime.of(2026, 1, 14, 0, 0, 0, 0, tomsk)))
                .isEqualTo(ZonedDateTime.of(2025, 1, 15, 9, 0, 0, 0, tomsk));
    }
}
