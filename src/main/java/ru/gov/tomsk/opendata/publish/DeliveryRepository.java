package ru.gov.tomsk.opendata.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code delivery} table. Every state change is one conditional UPDATE that names the state it expects,
 * so concurrent nodes (and a request arriving while a delivery is being sent) never overwrite each other.
 */
@Repository
class DeliveryRepository {

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException if the row exists (another node was quicker) */
    void insert(String identifier, String dataVersion, String target, Instant now) {
        jdbc.sql("""
                INSERT INTO delivery (identifier, data_version, target, status, attempts, next_attempt_at, revision,
                                      pending_since, created_at, updated_at)
                VALUES (?, ?, ?, 'PENDING', 0, ?, 1, ?, ?, ?)""")
                .params(identifier, dataVersion, target, utc(now), utc(now), utc(now), utc(now))
                .update();
    }

    Optional<Delivery> find(String identifier, String dataVersion, String target) {
        return jdbc.sql("SELECT * FROM delivery WHERE identifier = ? AND data_version = ? AND target = ?")
                .params(identifier, dataVersion, target).query(DeliveryRepository::delivery).optional();
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql("SELECT * FROM delivery WHERE id = ?").param(id).query(DeliveryRepository::delivery).optional();
    }

    /**
     * Asks again for a delivery: a done or given-up one starts a new round now; a pending one keeps its schedule
     * (a target in backoff stays in backoff). Either way the revision moves, so an attempt already under way
     * will not count as having sent what is asked for now.
     */
    boolean rearm(long id, Instant now) {
        return jdbc.sql("""
                UPDATE delivery
                   SET revision = revision + 1,
                       next_attempt_at = CASE WHEN status = 'PENDING' THEN next_attempt_at ELSE ? END,
                       attempts = CASE WHEN status = 'PENDING' THEN attempts ELSE 0 END,
                       pending_since = CASE WHEN status = 'PENDING' THEN pending_since ELSE ? END,
                       status = 'PENDING',
                       updated_at = ?
                 WHERE id = ? AND status IN ('PENDING', 'DONE', 'FAILED')""")
                .params(utc(now), utc(now), utc(now), id).update() == 1;
    }

    /** Pending deliveries of older versions of the dataset to the target, now pointless: the newer one carries all. */
    List<Delivery> supersede(String identifier, String target, String newerVersion, Instant now) {
        List<Delivery> older = jdbc.sql("""
                SELECT * FROM delivery
                 WHERE identifier = ? AND target = ? AND status = 'PENDING' AND data_version < ?""")
                .params(identifier, target, newerVersion).query(DeliveryRepository::delivery).list();
        return older.stream().filter(d -> jdbc.sql("""
                UPDATE delivery SET status = 'SUPERSEDED', updated_at = ?
                 WHERE id = ? AND status = 'PENDING'""")
                .params(utc(now), d.id()).update() == 1).toList();
    }

    /** Ids of due deliveries of a target that nobody holds, the longest-waiting first. */
    List<Long> due(String target, Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM delivery
                 WHERE target = ? AND status = 'PENDING' AND next_attempt_at <= ?
                   AND (claimed_until IS NULL OR claimed_until < ?)
                 ORDER BY next_attempt_at, id
                 FETCH FIRST ? ROWS ONLY""")
                .params(target, utc(now), utc(now), limit).query(Long.class).list();
    }

    /**
     * Takes a due delivery for this node until {@code until}; true if this node won it. The condition is
     * re-checked by the database under the row's write lock, so of two nodes racing for a row one wins. A row is
     * not taken while another delivery of the same dataset to the same target is held (a superseded one still
     * being sent): two writers of one dataset's passport on one target could leave the older one last.
     */
    boolean claim(long id, String token, String node, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE delivery
                   SET claim_token = ?, claimed_by = ?, claimed_until = ?, attempts = attempts + 1, updated_at = ?
                 WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?
                   AND (claimed_until IS NULL OR claimed_until < ?)
                   AND NOT EXISTS (SELECT 1 FROM delivery other
                                    WHERE other.identifier = delivery.identifier AND other.target = delivery.target
                                      AND other.id <> delivery.id AND other.claimed_until >= ?)""")
                .params(token, node, utc(until), utc(now), id, utc(now), utc(now), utc(now)).update() == 1;
    }

    /** Marks the claimed delivery done, unless it was superseded or asked for again while it was being sent. */
    boolean done(long id, String token, int revision, Instant now) {
        return jdbc.sql("""
                UPDATE delivery
                   SET status = 'DONE', delivered_at = ?, updated_at = ?, last_error = NULL,
                       claim_token = NULL, claimed_by = NULL, claimed_until = NULL
                 WHERE id = ? AND claim_token = ? AND status = 'PENDING' AND revision = ?""")
                .params(utc(now), utc(now), id, token, revision).update() == 1;
    }

    /** Records a failed attempt: pending again at {@code next}, or FAILED; false if the row was superseded meanwhile. */
    boolean failed(long id, String token, DeliveryStatus status, Instant next, String error, Instant now) {
        return jdbc.sql("""
                UPDATE delivery
                   SET status = ?, next_attempt_at = ?, last_error = ?, updated_at = ?,
                       claim_token = NULL, claimed_by = NULL, claimed_until = NULL
                 WHERE id = ? AND claim_token = ? AND status = 'PENDING'""")
                .params(status.name(), utc(next), error, utc(now), id, token).update() == 1;
    }

    /** Lets go of a claim without judging the attempt, due again at {@code next}. */
    void release(long id, String token, Instant next, Instant now) {
        jdbc.sql("""
                UPDATE delivery
                   SET next_attempt_at = CASE WHEN status = 'PENDING' THEN ? ELSE next_attempt_at END, updated_at = ?,
                       claim_token = NULL, claimed_by = NULL, claimed_until = NULL
                 WHERE id = ? AND claim_token = ?""")
                .params(utc(next), utc(now), id, token).update();
    }

    /** An operator's "now": a given-up delivery starts a new round, a pending one skips the rest of its backoff. */
    boolean retryNow(long id, Instant now) {
        return jdbc.sql("""
                UPDATE delivery
                   SET attempts = CASE WHEN status = 'FAILED' THEN 0 ELSE attempts END,
                       pending_since = CASE WHEN status = 'FAILED' THEN ? ELSE pending_since END,
                       status = 'PENDING', next_attempt_at = ?, updated_at = ?
                 WHERE id = ? AND status IN ('FAILED', 'PENDING')""")
                .params(utc(now), utc(now), utc(now), id).update() == 1;
    }

    /** Newer deliveries of the same dataset to the same target (a retried old one would only repeat them). */
    Optional<Delivery> newer(Delivery delivery) {
        return jdbc.sql("""
                SELECT * FROM delivery WHERE identifier = ? AND target = ? AND data_version > ?
                 ORDER BY data_version DESC FETCH FIRST 1 ROWS ONLY""")
                .params(delivery.identifier(), delivery.target(), delivery.dataVersion())
                .query(DeliveryRepository::delivery).optional();
    }

    /**
     * A node starting: every lease it still holds is from its previous life (killed mid-send; while it runs, no
     * other process has its identity), so each is let go, the delivery due at once. The interrupted attempt
     * counts, and says why in {@code last_error}. Returns the deliveries released.
     */
    List<Delivery> releaseLeftBy(String node, String error, Instant now) {
        List<Delivery> held = jdbc.sql("SELECT * FROM delivery WHERE claimed_by = ? AND claim_token IS NOT NULL ORDER BY id")
                .param(node).query(DeliveryRepository::delivery).list();
        return held.stream().filter(d -> jdbc.sql("""
                UPDATE delivery
                   SET claim_token = NULL, claimed_by = NULL, claimed_until = NULL, updated_at = ?,
                       next_attempt_at = CASE WHEN status = 'PENDING' THEN ? ELSE next_attempt_at END,
                       last_error = CASE WHEN status = 'PENDING' THEN ? ELSE last_error END
                 WHERE id = ? AND claimed_by = ?""")
                .params(utc(now), utc(now), error, d.id(), node).update() == 1).toList();
    }

    /** The node reports it is alive; the first report of a life also records when it started. */
    void heartbeat(String node, Instant now, boolean starting) {
        int updated = starting
                ? jdbc.sql("UPDATE outbox_node SET seen_at = ?, started_at = ? WHERE node_id = ?")
                        .params(utc(now), utc(now), node).update()
                : jdbc.sql("UPDATE outbox_node SET seen_at = ? WHERE node_id = ?").params(utc(now), node).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO outbox_node (node_id, started_at, seen_at) VALUES (?, ?, ?)")
                        .params(node, utc(now), utc(now)).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // inserted meanwhile by this node's own previous report: the next one updates it
            }
        }
    }

    /** The nodes that reported at or after {@code since}: those alive. */
    java.util.Set<String> liveNodes(Instant since) {
        return new java.util.HashSet<>(jdbc.sql("SELECT node_id FROM outbox_node WHERE seen_at >= ?")
                .param(utc(since)).query(String.class).list());
    }

    List<String> pendingTargets() {
        return jdbc.sql("SELECT DISTINCT target FROM delivery WHERE status = 'PENDING' ORDER BY target").query(String.class).list();
    }

    int giveUpTarget(String target, String error, Instant now) {
        return jdbc.sql("""
                UPDATE delivery SET status = 'FAILED', last_error = ?, updated_at = ?
                 WHERE target = ? AND status = 'PENDING'""")
                .params(error, utc(now), target).update();
    }

    List<Delivery> byDataset(String identifier) {
        return jdbc.sql("SELECT * FROM delivery WHERE identifier = ? ORDER BY id").param(identifier)
                .query(DeliveryRepository::delivery).list();
    }

    List<Delivery> byStatus(DeliveryStatus status) {
        return jdbc.sql("SELECT * FROM delivery WHERE status = ? ORDER BY id").param(status.name())
                .query(DeliveryRepository::delivery).list();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("identifier"), rs.getString("data_version"), rs.getString("target"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                rs.getString("last_error"), rs.getInt("revision"), instant(rs, "pending_since"), rs.getString("claimed_by"),
                instant(rs, "claimed_until"), false, instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "delivered_at"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
