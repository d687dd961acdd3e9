package ru.gov.tomsk.opendata.ops;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which alerts were raised already (table {@code alert_ledger}), so that each is raised once, cluster-wide. */
@Repository
public class AlertLedger {

    private final JdbcClient jdbc;

    public AlertLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the alert; true if it is new (this node raises it), false if it was raised before (by any node). */
    public boolean claim(String feedId, FeedEventKind kind, String subject, Instant now) {
        try {
            return jdbc.sql("INSERT INTO alert_ledger (feed_id, kind, subject, raised_at) VALUES (?, ?, ?, ?)")
                    .params(feedId, kind.name(), subject, now.atOffset(ZoneOffset.UTC))
                    .update() == 1;
        } catch (DuplicateKeyException raisedBefore) {
            return false;
        }
    }

    /** Forgets alerts raised before {@code before}; their subjects (old runs, past deadlines) never come back. */
    public int forgetBefore(Instant before) {
        return jdbc.sql("DELETE FROM alert_ledger WHERE raised_at < ?").param(before.atOffset(ZoneOffset.UTC)).update();
    }

    public long count(String feedId, FeedEventKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM alert_ledger WHERE feed_id = ? AND kind = ?").params(feedId, kind.name())
                .query(Long.class).single();
    }
}
