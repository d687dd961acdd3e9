package ru.gov.tomsk.opendata.ops.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import ru.gov.tomsk.opendata.ops.token.ApiTokens;

/**
 * The push tokens of push feeds (table {@code push_token}), one per feed: issued (which replaces the previous one at
 * once), found by their secret, revoked. Made and hashed like the personal API tokens ({@link ApiTokens}: 256 random
 * bits, SHA-256 kept, never the token), with a prefix of their own, {@value #PREFIX}, so that a leaked one is told
 * from an admin token at a glance and the admin API's filter never even looks one up.
 */
@Repository
public class PushTokens {

    public static final String PREFIX = "odp_";
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");

    private final JdbcClient jdbc;
    private final Clock clock;

    public PushTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * What is known of a feed's token: never the token.
     *
     * @param lastUsedAt the last push it authenticated, to the minute; null if never used
     */
    public record PushToken(String feedId, Instant issuedAt, String issuedBy, Instant lastUsedAt) {
    }

    /** A token just issued: the only moment its secret exists outside the system that will push with it. */
    public record IssuedPushToken(String secret, PushToken token) {
        @Override
        public String toString() {
            return "IssuedPushToken[" + token.feedId() + "]";
        }
    }

    /** Issues a new token for the feed; the previous one, if any, stops working now. */
    @Transactional
    public IssuedPushToken issue(String feedId, String by) {
        String secret = ApiTokens.randomSecret(PREFIX);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("DELETE FROM push_token WHERE feed_id = ?").param(feedId).update();
        jdbc.sql("INSERT INTO push_token (feed_id, token_hash, issued_at, issued_by) VALUES (?, ?, ?, ?)")
                .params(feedId, ApiTokens.hash(secret), utc(now), by).update();
        return new IssuedPushToken(secret, new PushToken(feedId, now, by, null));
    }

    /** Revokes the feed's token; false if it had none. */
    public boolean revoke(String feedId) {
        return jdbc.sql("DELETE FROM push_token WHERE feed_id = ?").param(feedId).update() == 1;
    }

    public Optional<PushToken> of(String feedId) {
        return jdbc.sql("SELECT * FROM push_token WHERE feed_id = ?").param(feedId).query(PushTokens::token).optional();
    }

    /** The token with this secret, for whichever feed it is; empty if the text is no push token of this service. */
    public Optional<PushToken> find(String secret) {
        if (secret == null || !FORMAT.matcher(secret).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM push_token WHERE token_hash = ?").param(ApiTokens.hash(secret))
                .query(PushTokens::token).optional();
    }

    /** Records a use, at most one UPDATE per token and {@link ApiTokens#LAST_USE_PRECISION}. */
    public void used(PushToken token) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant staleBefore = now.minus(ApiTokens.LAST_USE_PRECISION);
        if (token.lastUsedAt() != null && token.lastUsedAt().isAfter(staleBefore)) {
            return;
        }
        jdbc.sql("UPDATE push_token SET last_used_at = ? WHERE feed_id = ? AND (last_used_at IS NULL OR last_used_at <= ?)")
                .params(utc(now), token.feedId(), utc(staleBefore)).update();
    }

    private static PushToken token(ResultSet rs, int row) throws SQLException {
        return new PushToken(rs.getString("feed_id"), instant(rs, "issued_at"), rs.getString("issued_by"),
                instant(rs, "last_used_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
