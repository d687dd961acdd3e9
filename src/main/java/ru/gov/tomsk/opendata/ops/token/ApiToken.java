package ru.gov.tomsk.opendata.ops.token;

import java.time.Instant;

import ru.gov.tomsk.opendata.ops.Role;

/**
 * A personal API token as the state database keeps it: everything but the token itself, of which only a hash is
 * stored.
 *
 * @param owner     the account it acts for: the ADMIN who created it
 * @param role      the most it may do; at use it is also capped by what the owner's account has then
 * @param lastUsedAt the last request it authenticated, to the minute; null if never used
 * @param revokedBy who revoked it, if it was
 */
public record ApiToken(long id, String name, String owner, Role role, Instant createdAt, Instant expiresAt,
                       Instant lastUsedAt, Instant revokedAt, String revokedBy) {

    public enum State { ACTIVE, EXPIRED, REVOKED }

    public State state(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return expiresAt.isAfter(now) ? State.ACTIVE : State.EXPIRED;
    }

    /** How it is named in the audit log and the console: never the token itself. */
    public String label() {
        return "API token " + id + " '" + name + "'";
    }
}
