package ru.gov.tomsk.opendata.ops.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gov.tomsk.opendata.ops.Role;
import ru.gov.tomsk.opendata.ops.SecurityProperties;
import ru.gov.tomsk.opendata.support.MutableClock;

/**
 * The token store straight against a state database migrated by the real scripts, H2 and PostgreSQL alike: a token is
 * found by its secret and by nothing else, only its hash is stored, the last use is written at most once a minute,
 * revocation happens once, and what may not be issued is refused.
 */
class ApiTokensTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
    final SecurityProperties properties = new SecurityProperties(Map.of(), null,
            new SecurityProperties.Tokens(Duration.ofDays(90), Duration.ofDays(365)));

    @Test
    void onH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:tokens-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        contract(h2);
    }

    @Test
    void onPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            contract(postgres.getPostgresDatabase());
        }
    }

    void contract(DataSource database) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        ApiTokens tokens = new ApiTokens(jdbc, clock, properties);

        IssuedToken issued = tokens.issue("ivanova", Role.ADMIN, "  nightly run  ", Role.OPERATOR, Duration.ofDays(30));
        assertThat(issued.secret()).matches("odb_[A-Za-z0-9_-]{43}");
        assertThat(issued.toString()).doesNotContain(issued.secret());
        ApiToken token = issued.token();
        assertThat(token.name()).isEqualTo("nightly run");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-04-19T02:00:00Z"));
        assertThat(tokens.find(issued.secret())).contains(token);
        assertThat(token.state(clock.instant())).isEqualTo(ApiToken.State.ACTIVE);
        // stored: the SHA-256 of the secret, never the secret
        assertThat(jdbc.sql("SELECT token_hash FROM api_token WHERE id = ?").param(token.id()).query(String.class).single())
                .isEqualTo(ApiTokens.hash(issued.secret())).hasSize(64);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = ? OR name = ?")
                .params(issued.secret(), issued.secret()).query(Long.class).single()).isZero();
        // a second token is another secret; neighbours of a secret find nothing
        IssuedToken other = tokens.issue("ivanova", Role.ADMIN, "monitoring", Role.VIEWER, Duration.ofDays(1));
        assertThat(other.secret()).isNotEqualTo(issued.secret());
        String last = issued.secret().substring(issued.secret().length() - 1);
        assertThat(tokens.find(issued.secret().substring(0, issued.secret().length() - 1) + (last.equals("A") ? "B" : "A"))).isEmpty();
        assertThat(tokens.find(issued.secret() + "x")).isEmpty();
        assertThat(tokens.find(ApiTokens.hash(issued.secret()))).as("the hash is no token").isEmpty();
        assertThat(tokens.all()).extracting(ApiToken::name).containsExactly("monitoring", "nightly run");

        // last use: written when older than a minute, not on every request
        tokens.used(tokens.find(issued.secret()).orElseThrow());
        assertThat(tokens.byId(token.id()).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());
        clock.set(clock.instant().plusSeconds(59));
        tokens.used(tokens.find(issued.secret()).orElseThrow());
        assertThat(tokens.byId(token.id()).orElseThrow().lastUsedAt()).isEqualTo(clock.instant().minusSeconds(59));
        clock.set(clock.instant().plusSeconds(1));
        tokens.used(tokens.find(issued.secret()).orElseThrow());
        assertThat(tokens.byId(token.id()).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());

        // expiry and revocation
        clock.set(clock.instant().plus(Duration.ofDays(1)));
        assertThat(tokens.find(other.secret()).orElseThrow().state(clock.instant())).isEqualTo(ApiToken.State.EXPIRED);
        assertThat(tokens.revoke(token.id(), "petrov")).isTrue();
        assertThat(tokens.revoke(token.id(), "sidorov")).as("once").isFalse();
        assertThat(tokens.revoke(424242, "petrov")).isFalse();
        ApiToken revoked = tokens.find(issued.secret()).orElseThrow();
        assertThat(revoked.state(clock.instant())).isEqualTo(ApiToken.State.REVOKED);
        assertThat(revoked.revokedBy()).isEqualTo("petrov");
        assertThat(revoked.revokedAt()).isEqualTo(clock.instant());

        // never above the owner, never longer than allowed, always named
        assertThatThrownBy(() -> tokens.issue("petrov", Role.OPERATOR, "x", Role.ADMIN, Duration.ofDays(1)))
                .hasMessage("a token of petrov (OPERATOR) cannot have the role ADMIN");
        assertThatThrownBy(() -> tokens.issue("ivanova", Role.ADMIN, "x", Role.VIEWER, Duration.ofDays(366)))
                .hasMessage("a token lives 1 to 365 days");
        assertThatThrownBy(() -> tokens.issue("ivanova", Role.ADMIN, " ", Role.VIEWER, Duration.ofDays(1)))
                .hasMessageStartingWith("a token name has 1 to 100 characters");
        assertThatThrownBy(() -> tokens.issue("ivanova", Role.ADMIN, "a\nb", Role.VIEWER, Duration.ofDays(1)))
                .hasMessageStartingWith("a token name has 1 to 100 characters");
        assertThat(tokens.all()).hasSize(2);
    }
}
