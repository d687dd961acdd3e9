package ru.gov.tomsk.opendata.ops.ingest;

import static ru.gov.tomsk.opendata.ops.ingest.PushTokens.instant;
import static ru.gov.tomsk.opendata.ops.ingest.PushTokens.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The pushes received (table {@code push_request}) with the answer each got, and the per-feed lock that keeps two
 * pushes of one feed from running at once (table {@code push_lock}). Both live in the state database, so they hold
 * across nodes and restarts.
 */
@Repository
public class PushRequests {

    private final JdbcClient jdbc;
    private final Clock clock;

    public PushRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One push.
     *
     * @param idempotencyKey the client's Idempotency-Key, if it sent one
     * @param httpStatus     the status of the final answer; null while it runs
     * @param answer         the final answer (JSON); null while it runs
     */
    public record PushRequest(long id, String feedId, String idempotencyKey, String bodySha256, long bodySize,
                              boolean done, Integer httpStatus, String answer, Long runId, Instant receivedAt) {
    }

    /** Records a push that is about to run; fails with {@link DuplicateKeyException} if its key is taken. */
    public long start(String feedId, String idempotencyKey, String bodySha256, long bodySize) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO push_request (feed_id, idempotency_key, body_sha256, body_size, state, received_at) "
                        + "VALUES (?, ?, ?, ?, 'RUNNING', ?)")
                .params(feedId, idempotencyKey, bodySha256, bodySize, utc(clock.instant()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * Records the answer of a push that ended.
     *
     * @param keepKey false for a push the service failed (not the data): its key is freed, so that a retry with it
     *                runs again instead of being answered the failure; its status URL still tells the failure
     */
    public void finish(long id, Long runId, int httpStatus, String answer, boolean keepKey) {
        jdbc.sql("UPDATE push_request SET state = 'DONE', run_id = ?, http_status = ?, answer = ?, finished_at = ?"
                        + (keepKey ? "" : ", idempotency_key = NULL") + " WHERE id = ?")
                .params(runId, httpStatus, answer, utc(clock.instant()), id).update();
    }

    /** Forgets a push that never ran (refused before its run), so that its key may be used again. */
    public void forget(long id) {
        jdbc.sql("DELETE FROM push_request WHERE id = ?").param(id).update();
    }

    public Optional<PushRequest> byKey(String feedId, String idempotencyKey) {
        return jdbc.sql("SELECT * FROM push_request WHERE feed_id = ? AND idempotency_key = ?")
                .params(feedId, idempotencyKey).query(PushRequests::request).optional();
    }

    public Optional<PushRequest> byId(String feedId, long id) {
        return jdbc.sql("SELECT * FROM push_request WHERE feed_id = ? AND id = ?")
                .params(feedId, id).query(PushRequests::request).optional();
    }

    /** Forgets the pushes received before {@code before} that have ended, keys and answers with them. */
    public int forgetBefore(Instant before) {
        return jdbc.sql("DELETE FROM push_request WHERE received_at < ? AND state = 'DONE'").param(utc(before)).update();
    }

    /** Takes the feed's run lock for this push; false when another push of the feed holds it. */
    public boolean lock(String feedId, long requestId, String node) {
        try {
            return jdbc.sql("INSERT INTO push_lock (feed_id, request_id, node_id, locked_at) VALUES (?, ?, ?, ?)")
                    .params(feedId, requestId, node, utc(clock.instant())).update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public void unlock(String feedId, long requestId) {
        jdbc.sql("DELETE FROM push_lock WHERE feed_id = ? AND request_id = ?").params(feedId, requestId).update();
    }

    /**
     * Releases the locks a node held before it (re)started, and ends their pushes as failed, their keys freed for the
     * retries: a crash or kill mid-run must not keep a feed from ever being pushed again. Returns how many there were.
     */
    public int releaseLocksOf(String node, String answer) {
        jdbc.sql("UPDATE push_request SET state = 'DONE', http_status = 500, answer = ?, finished_at = ?, "
                        + "idempotency_key = NULL "
                        + "WHERE state = 'RUNNING' AND id IN (SELECT request_id FROM push_lock WHERE node_id = ?)")
                .params(answer, utc(clock.instant()), node).update();
        return jdbc.sql("DELETE FROM push_lock WHERE node_id = ?").param(node).update();
    }

    private static PushRequest request(ResultSet rs, int row) throws SQLException {
        int status = rs.getInt("http_status");
        Integer httpStatus = rs.wasNull() ? null : status;
        long run = rs.getLong("run_id");
        Long runId = rs.wasNull() ? null : run;
        return new PushRequest(rs.getLong("id"), rs.getString("feed_id"), rs.getString("idempotency_key"),
                rs.getString("body_sha256"), rs.getLong("body_size"), "DONE".equals(rs.getString("state")), httpStatus,
                rs.getString("answer"), runId, instant(rs, "received_at"));
    }
}
