package ru.gov.tomsk.opendata.programme.requests;

import static ru.gov.tomsk.opendata.catalog.CatalogRepository.instant;
import static ru.gov.tomsk.opendata.catalog.CatalogRepository.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;

/** The requests for new datasets (table {@code data_request}): registering, routing, answering, redacting them. */
@Repository
public class DataRequests {

    private static final String COLUMNS = "id, number, registered_at, due_on, what_text, why_text, public_what, "
            + "public_why, contact_email, state, department_inn, assigned_by, assigned_at, outcome, answer_text, "
            + "dataset_id, planned_on, answered_by, answered_at, notice_state, notice_attempts, notice_sent_at, "
            + "notice_error";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final int answerDays;

    public DataRequests(JdbcClient jdbc, Clock clock, OpendataProperties opendata, ProgrammeProperties programme) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = opendata.timeZone();
        this.answerDays = programme.requests().answerDays();
    }

    /**
     * Registers the request under the next number of the year (the region's calendar). Two nodes registering at
     * the same moment compete for the same number; the unique (year, seq) lets one win and the other take the next.
     */
    public DataRequest register(NewRequest request) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        for (int attempt = 0; ; attempt++) {
            int seq = jdbc.sql("SELECT COALESCE(MAX(reg_seq), 0) + 1 FROM data_request WHERE reg_year = ?")
                    .param(today.getYear()).query(Integer.class).single();
            String number = number(today.getYear(), seq);
            try {
                jdbc.sql("INSERT INTO data_request (number, reg_year, reg_seq, registered_at, due_on, what_text, "
                                + "why_text, contact_email, contact_consent, client_key, state) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(number, today.getYear(), seq, utc(now), today.plusDays(answerDays), request.what(),
                                request.why(), request.contactEmail(), request.consent(), request.clientKey(),
                                RequestState.REGISTERED.name())
                        .update();
                return find(number).orElseThrow();
            } catch (DuplicateKeyException taken) {
                if (attempt >= 20) {
                    throw taken;
                }
            }
        }
    }

    /** З-2026-0007: the year and four digits (more after the 9,999th request of a year). */
    static String number(int year, int seq) {
        return "З-" + year + "-" + String.format("%04d", seq);
    }

    public Optional<DataRequest> find(String number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM data_request WHERE number = ?").param(number)
                .query(DataRequests::map).optional();
    }

    /** Every request, the newest first. */
    public List<DataRequest> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM data_request ORDER BY reg_year DESC, reg_seq DESC")
                .query(DataRequests::map).list();
    }

    /** The requests routed to a department (ИНН), the newest first. */
    public List<DataRequest> ofDepartment(String inn) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM data_request WHERE department_inn = ? "
                        + "ORDER BY reg_year DESC, reg_seq DESC")
                .param(inn).query(DataRequests::map).list();
    }

    /** How many requests came from one sender (its client key) since {@code since}: the per-address limit. */
    public long countFrom(String clientKey, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM data_request WHERE client_key = ? AND registered_at >= ?")
                .params(clientKey, utc(since)).query(Long.class).single();
    }

    /**
     * When the earliest of the sender's requests since {@code since} was registered: the per-address limit frees a
     * place when that one leaves the window, which is what the 429's Retry-After says.
     */
    public Optional<Instant> firstFrom(String clientKey, Instant since) {
        return jdbc.sql("SELECT MIN(registered_at) FROM data_request WHERE client_key = ? AND registered_at >= ?")
                .params(clientKey, utc(since)).query((rs, row) -> Optional.ofNullable(instant(rs, 1))).single();
    }

    /** How many requests there are: the public page's count. */
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM data_request").query(Long.class).single();
    }

    /** One page of {@link #all()}: the newest first, {@code limit} from {@code offset}. */
    public List<DataRequest> page(int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM data_request ORDER BY reg_year DESC, reg_seq DESC "
                        + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(offset, limit).query(DataRequests::map).list();
    }

    /** Routes the request to a department; an answered request keeps its department. True if it changed. */
    @Transactional
    public boolean assign(String number, String inn, String by) {
        return jdbc.sql("UPDATE data_request SET department_inn = ?, assigned_by = ?, assigned_at = ?, "
                        + "state = 'ASSIGNED' "
                        + "WHERE number = ? AND state <> 'ANSWERED'")
                .params(inn, by, utc(clock.instant()), number).update() == 1;
    }

    /**
     * Answers the request; a request with a contact gets its notice queued (PENDING). An answer may be corrected
     * (answered again), which queues the notice again.
     */
    @Transactional
    public boolean answer(String number, RequestOutcome outcome, String text, String datasetId, LocalDate plannedOn,
                          String by) {
        Instant now = clock.instant();
        return jdbc.sql("UPDATE data_request SET state = 'ANSWERED', outcome = ?, answer_text = ?, dataset_id = ?, "
                        + "planned_on = ?, answered_by = ?, answered_at = ?, "
                        + "notice_state = CASE WHEN contact_email IS NULL THEN NULL ELSE 'PENDING' END, "
                        + "notice_attempts = 0, notice_next_at = ?, notice_error = NULL WHERE number = ?")
                .params(outcome.name(), text, datasetId, plannedOn, by, utc(now), utc(now), number).update() == 1;
    }

    /** Replaces what the public sees of the request's text (null: the citizen's own words again). */
    @Transactional
    public boolean redact(String number, String what, String why, String by) {
        return jdbc.sql("UPDATE data_request SET public_what = ?, public_why = ?, redacted_by = ?, redacted_at = ? "
                        + "WHERE number = ?")
                .params(what, why, by, utc(clock.instant()), number).update() == 1;
    }

    /** The notices due to be sent at {@code now} (PENDING, their next attempt not in the future), oldest first. */
    public List<DataRequest> noticesDue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM data_request WHERE notice_state = 'PENDING' AND notice_next_at <= ? "
                        + "ORDER BY notice_next_at, id FETCH FIRST " + limit + " ROWS ONLY")
                .param(utc(now)).query(DataRequests::map).list();
    }

    /**
     * Takes a due notice for this node until {@code leaseUntil}: of two nodes seeing it due, the one whose update
     * moves its next attempt into the future wins; a node that dies while sending leaves it to be retried then.
     */
    @Transactional
    public boolean claimNotice(String number, int attempts, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE data_request SET notice_next_at = ? WHERE number = ? AND notice_state = 'PENDING' "
                        + "AND notice_attempts = ? AND notice_next_at <= ?")
                .params(utc(leaseUntil), number, attempts, utc(now)).update() == 1;
    }

    /** The notice went out. */
    @Transactional
    public void noticeSent(String number, Instant at) {
        jdbc.sql("UPDATE data_request SET notice_state = 'SENT', notice_attempts = notice_attempts + 1, "
                        + "notice_sent_at = ?, notice_next_at = NULL, notice_error = NULL WHERE number = ?")
                .params(utc(at), number).update();
    }

    /**
     * An attempt failed: tried again at {@code nextAt}, or given up (FAILED) when {@code nextAt} is null. The error
     * is kept for the console (at most 1,000 characters, the column's size).
     */
    @Transactional
    public void noticeFailed(String number, String error, Instant nextAt) {
        String kept = error == null ? null : error.length() <= 1000 ? error : error.substring(0, 999) + "…";
        jdbc.sql("UPDATE data_request SET notice_state = ?, notice_attempts = notice_attempts + 1, notice_next_at = ?, "
                        + "notice_error = ? WHERE number = ?")
                .params(nextAt == null ? "FAILED" : "PENDING", nextAt == null ? null : utc(nextAt), kept, number)
                .update();
    }

    /** Queues a given-up notice again, as new (attempts from 0). True if it was FAILED. */
    @Transactional
    public boolean resendNotice(String number) {
        return jdbc.sql("UPDATE data_request SET notice_state = 'PENDING', notice_attempts = 0, notice_next_at = ?, "
                        + "notice_error = NULL WHERE number = ? AND notice_state = 'FAILED'")
                .params(utc(clock.instant()), number).update() == 1;
    }

    /** When a PENDING notice is tried next; empty for any other. */
    public Optional<Instant> noticeNextAt(String number) {
        return jdbc.sql("SELECT notice_next_at FROM data_request WHERE number = ? AND notice_state = 'PENDING'")
                .param(number).query((rs, row) -> instant(rs, "notice_next_at")).optional();
    }

    private static DataRequest map(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("outcome");
        return new DataRequest(rs.getLong("id"), rs.getString("number"), instant(rs, "registered_at"),
                rs.getObject("due_on", LocalDate.class), rs.getString("what_text"), rs.getString("why_text"),
                rs.getString("public_what"), rs.getString("public_why"), rs.getString("contact_email"),
                RequestState.valueOf(rs.getString("state")), rs.getString("department_inn"),
                rs.getString("assigned_by"), instant(rs, "assigned_at"),
                outcome == null ? null : RequestOutcome.valueOf(outcome), rs.getString("answer_text"),
                rs.getString("dataset_id"), rs.getObject("planned_on", LocalDate.class), rs.getString("answered_by"),
                instant(rs, "answered_at"), rs.getString("notice_state"), rs.getInt("notice_attempts"),
                instant(rs, "notice_sent_at"), rs.getString("notice_error"));
    }
}
