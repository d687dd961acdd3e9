package ru.gov.tomsk.opendata.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code opendata.security}: the accounts of the console and the admin API, and how failed logins are slowed down.
 *
 * <pre>
 * opendata:
 *   security:
 *     users:
 *       ivanova:
 *         password-hash: ${IVANOVA_PASSWORD_HASH}   # bcrypt, e.g. from `htpasswd -nbBC 12 ivanova '…'`
 *         roles: [OPERATOR]
 * </pre>
 *
 * @param users  accounts by login name; no account means only the public side is reachable
 * @param login  the failed-login limit
 * @param tokens the personal API tokens ADMINs create in the console
 */
@ConfigurationProperties("opendata.security")
public record SecurityProperties(Map<String, Account> users, @DefaultValue LoginLimit login, @DefaultValue Tokens tokens) {

    public SecurityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /**
     * @param passwordHash a bcrypt hash ({@code $2a$…}, {@code $2b$…}, {@code $2y$…}, optionally prefixed {@code {bcrypt}});
     *                     never a password
     * @param roles        VIEWER, OPERATOR or ADMIN
     */
    public record Account(String passwordHash, List<String> roles) {
        public Account {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * @param maxFailures           failures of one login name within {@code window} that lock the name
     * @param maxFailuresPerAddress failures from one client address within {@code window} that lock the address;
     *                              higher, since colleagues behind one proxy share an address
     * @param window                how far back failures count
     * @param lockout               how long a locked name or address is refused, even with the right password
     */
    public record LoginLimit(@DefaultValue("5") int maxFailures, @DefaultValue("20") int maxFailuresPerAddress,
                             @DefaultValue("5m") Duration window, @DefaultValue("15m") Duration lockout) {
    }

    /**
     * @param defaultLifetime what the console proposes as a new token's lifetime
     * @param maxLifetime     the longest lifetime a token may be given; every token expires
     */
    public record Tokens(@DefaultValue("90d") Duration defaultLifetime, @DefaultValue("365d") Duration maxLifetime) {
        public Tokens {
            if (maxLifetime.compareTo(Duration.ofDays(1)) < 0 || defaultLifetime.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("opendata.security.tokens: lifetimes are at least one day (1d)");
            }
            if (defaultLifetime.compareTo(maxLifetime) > 0) {
                throw new IllegalArgumentException("opendata.security.tokens.default-lifetime (" + defaultLifetime.toDays()
                        + "d) is longer than max-lifetime (" + maxLifetime.toDays() + "d)");
            }
        }
    }
}
