package ru.gov.tomsk.opendata.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import ru.gov.tomsk.opendata.PositiveDuration;

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
@Validated
@ConfigurationProperties("opendata.security")
public record SecurityProperties(Map<String, Account> users, @Valid @DefaultValue LoginLimit login,
                                 @Valid @DefaultValue Tokens tokens) {

    public SecurityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /**
     * @param passwordHash a bcrypt hash ({@code $2a$…}, {@code $2b$…}, {@code $2y$…}, optionally prefixed {@code {bcrypt}});
     *                     never a password
     * @param roles        VIEWER, DEPARTMENT, OPERATOR or ADMIN
     * @param owners       for DEPARTMENT: the INNs of the organisations whose drafts the account may try and install
     *                     (a draft's identifier is {@code <INN>-<code>})
     */
    public record Account(String passwordHash, List<String> roles, List<String> owners) {
        public Account {
            roles = roles == null ? List.of() : List.copyOf(roles);
            owners = owners == null ? List.of() : List.copyOf(owners);
        }
    }

    /**
     * @param maxFailures           failures of one login name within {@code window} that lock the name
     * @param maxFailuresPerAddress failures from one client address within {@code window} that lock the address;
     *                              higher, since colleagues behind one proxy share an address
     * @param window                how far back failures count
     * @param lockout               how long a locked name or address is refused, even with the right password
     */
    public record LoginLimit(@Positive @DefaultValue("5") int maxFailures,
                             @Positive @DefaultValue("20") int maxFailuresPerAddress,
                             @PositiveDuration @DefaultValue("5m") Duration window,
                             @PositiveDuration @DefaultValue("15m") Duration lockout) {
    }

    /**
     * @param defaultLifetime what the console proposes as a new token's lifetime
     * @param maxLifetime     the longest lifetime a token may be given; every token expires
     */
    public record Tokens(@NotNull @DurationMin(days = 1, message = "must be at least one day (1d)")
                         @DefaultValue("90d") Duration defaultLifetime,
                         @NotNull @DurationMin(days = 1, message = "must be at least one day (1d)")
                         @DefaultValue("365d") Duration maxLifetime) {
        public Tokens {
            // two settings at once, which a constraint on one of them cannot see; a lifetime under a day is the
            // constraint's to report (this runs before it), so the operator reads what is wrong with it
            if (atLeastADay(defaultLifetime) && atLeastADay(maxLifetime) && defaultLifetime.compareTo(maxLifetime) > 0) {
                throw new IllegalArgumentException("opendata.security.tokens.default-lifetime (" + defaultLifetime.toDays()
                        + "d) is longer than max-lifetime (" + maxLifetime.toDays() + "d)");
            }
        }

        private static boolean atLeastADay(Duration lifetime) {
            return lifetime != null && lifetime.compareTo(Duration.ofDays(1)) >= 0;
        }
    }
}
