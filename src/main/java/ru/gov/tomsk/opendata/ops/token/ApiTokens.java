package ru.gov.tomsk.opendata.ops.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import ru.gov.tomsk.opendata.ops.Role;
import ru.gov.tomsk.opendata.ops.SecurityProperties;

/**
 * Personal API tokens (table {@code api_token}): issued, found by their secret, marked as used, revoked.
 *
 * <p>A token is {@value #PREFIX} and 32 bytes of {@link SecureRandom} in base64url. Only its SHA-256 is stored. A
 * slow hash (bcrypt) protects passwords, which people choose from a small space; a token has 256 random bits, so no
 * hash speed makes guessing one from its hash feasible, and a fast, unsalted hash lets each request find its token
 * by an indexed lookup instead of a bcrypt comparison per stored token (which would also hand anyone a way to burn
 * CPU with made-up tokens). The prefix lets secret scanners and people recognise a leaked token.
 */
@Repository
public class ApiTokens {

    public static final String PREFIX = "odb_";
    /** The last use is written when the stored one is older than this: at most one UPDATE per token and minute. */
    public static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);
    public static final int MAX_NAME_LENGTH = 100;

    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecurityProperties.Tokens settings;

    public ApiTokens(JdbcClient jdbc, Clock clock, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.tokens();
    }

    public SecurityProperties.Tokens settings() {
        return settings;
    }

    /**
     * Creates a token for {@code owner} that may do at most {@code role}, which may not exceed {@code ownerRole}.
     * The caller has checked the input for its user; a violation here is a bug, hence the unchecked exception.
     */
    public IssuedToken issue(String owner, Role ownerRole, String name, Role role, Duration lifetime) {
        String cleanName = name == null ? "" : name.strip();
        if (!validName(cleanName)) {
            throw new IllegalArgumentException("a token name has 1 to " + MAX_NAME_LENGTH + " characters, none a control character");
        }
        if (role.compareTo(ownerRole) > 0) {
            throw new IllegalArgumentException("a token of " + owner + " (" + ownerRole + ") cannot have the role " + role);
        }
        if (lifetime.compareTo(Duration.ofDays(1)) < 0 || lifetime.compareTo(settings.maxLifetime()) > 0) {
            throw new IllegalArgumentException("a token lives 1 to " + settings.maxLifetime().toDays() + " days");
        }
        String secret = randomSecret(PREFIX);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(lifetime);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_token (token_hash, name, owner, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(hash(secret), cleanName, owner, role.name(), utc(now), utc(expires))
                .update(key, "id");
        return new IssuedToken(secret, new ApiToken(key.getKey().longValue(), cleanName, owner, role, now, expires,
                null, null, null));
    }

    /** A new secret: the prefix and 32 bytes of {@link SecureRandom} in base64url (43 characters). */
    public static String randomSecret(String prefix) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean validName(String name) {
        return !name.isEmpty() && name.length() <= MAX_NAME_LENGTH && name.codePoints().noneMatch(Character::isISOControl);
    }

    /** Whether the text has the shape of a token; anything else is not looked up. */
    public static boolean wellFormed(String secret) {
        return secret != null && FORMAT.matcher(secret).matches();
    }

    /** The token with this secret, in whatever state (active, expired, revoked); empty if there is none. */
    public Optional<ApiToken> find(String secret) {
        if (!wellFormed(secret)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM api_token WHERE token_hash = ?").param(hash(secret))
                .query(ApiTokens::token).optional();
    }

    public Optional<ApiToken> byId(long id) {
        return jdbc.sql("SELECT * FROM api_token WHERE id = ?").param(id).query(ApiTokens::token).optional();
    }

    /** Every token, newest first; revoked and expired ones stay listed as the record of who could do what. */
    public List<ApiToken> all() {
        return jdbc.sql("SELECT * FROM api_token ORDER BY created_at DESC, id DESC").query(ApiTokens::token).list();
    }

    /**
     * Records a use of the token, cheaply: the lookup already read the last use, so a request within
     * {@link #LAST_USE_PRECISION} of it writes nothing, and the conditional UPDATE lets only one of several concurrent
     * requests (or nodes) write.
     */
    public void used(ApiToken token) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant staleBefore = now.minus(LAST_USE_PRECISION);
        if (token.lastUsedAt() != null && token.lastUsedAt().isAfter(staleBefore)) {
            return;
        }
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)")
                .params(utc(now), token.id(), utc(staleBefore)).update();
    }

    /** Revokes an active or expired token; false if there is no such token or it was revoked already. */
    public boolean revoke(long id, String by) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(utc(clock.instant().truncatedTo(ChronoUnit.SECONDS)), by, id).update() == 1;
    }

    /** The SHA-256 of a secret, in hex: what the state database keeps instead of it. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("owner"), Role.valueOf(rs.getString("role")),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"), rs.getString("revoked_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
