package ru.gov.tomsk.opendata.programme.departments;

import static ru.gov.tomsk.opendata.catalog.CatalogRepository.instant;
import static ru.gov.tomsk.opendata.catalog.CatalogRepository.utc;

import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reports mailed to the departments (table {@code department_report_mail}): claiming a department's period so
 * that one node of a cluster sends it, and what came of it.
 */
@Repository
public class ReportMails {

    /** What came of one report's mail. */
    public enum State {
        CLAIMED, SENT, FAILED, EMPTY
    }

    /**
     * @param period the schedule's fire time that opened the period, or manual:&lt;instant&gt;
     */
    public record Sent(String inn, String period, String claimedBy, Instant claimedAt, String recipient, State state,
                       int findings, Instant sentAt, String error) {

        public boolean manual() {
            return period.startsWith(MANUAL);
        }
    }

    static final String MANUAL = "manual:";

    private final JdbcClient jdbc;

    public ReportMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the department's period; true if this node won it (and sends), false if any node took it before. */
    public boolean claim(String inn, String period, String node, Instant now) {
        try {
            return jdbc.sql("INSERT INTO department_report_mail (department_inn, period, claimed_by, claimed_at, state) "
                            + "VALUES (?, ?, ?, ?, 'CLAIMED')")
                    .params(inn, period, node, utc(now)).update() == 1;
        } catch (DuplicateKeyException takenBefore) {
            return false;
        }
    }

    public void finish(String inn, String period, State state, String recipient, int findings, Instant sentAt,
                       String error) {
        jdbc.sql("UPDATE department_report_mail SET state = ?, recipient = ?, findings = ?, sent_at = ?, error = ? "
                        + "WHERE department_inn = ? AND period = ?")
                .params(state.name(), recipient, findings, utc(sentAt),
                        error == null ? null : error.substring(0, Math.min(error.length(), 1000)), inn, period)
                .update();
    }

    /** The newest mail of the department, scheduled or manual. */
    public Optional<Sent> newest(String inn) {
        // at the same instant, a manual send ("manual:…") sorts after the period's scheduled one ("2026-…")
        return jdbc.sql("SELECT * FROM department_report_mail WHERE department_inn = ? "
                        + "ORDER BY claimed_at DESC, period DESC")
                .param(inn)
                .query((rs, n) -> new Sent(rs.getString("department_inn"), rs.getString("period"),
                        rs.getString("claimed_by"), instant(rs, "claimed_at"), rs.getString("recipient"),
                        State.valueOf(rs.getString("state")), rs.getInt("findings"), instant(rs, "sent_at"),
                        rs.getString("error")))
                .stream().findFirst();
    }

    public long count(String inn, State state) {
        return jdbc.sql("SELECT COUNT(*) FROM department_report_mail WHERE department_inn = ? AND state = ?")
                .params(inn, state.name()).query(Long.class).single();
    }
}
