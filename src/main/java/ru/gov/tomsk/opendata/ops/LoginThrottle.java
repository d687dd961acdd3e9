package ru.gov.tomsk.opendata.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Slows down password guessing: after {@code maxFailures} failed logins of one login name (or
 * {@code maxFailuresPerAddress} from one client address) within {@code window}, that name or address is refused
 * for {@code lockout}, even with the right password. Counted per node, in memory: a restart forgets, which is
 * acceptable for a lockout measured in minutes.
 *
 * <p>Both keys matter: the name stops a guesser who rotates addresses, the address one who rotates names.
 * A successful login clears the failures of its name only: clearing the address too would let anyone with one
 * valid account reset the address counter between guesses at other accounts. The address's failures age out of
 * the window instead.
 *
 * <p>A name counts in its {@link LoginNames#canonical canonical} form, so {@code VICTIM} and {@code victim} are one
 * person to the lock, on every way in (form, Basic, and the owner of an API token). A made-up API token names nobody:
 * it counts for its address only ({@link #unknownToken}).
 *
 * <p>Names are whatever a stranger sends, so the tables are swept of stale entries (at most once per window) to
 * stay bounded by the failures of one window, and names are logged escaped and shortened.
 */
public class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    /** Longer names are logged cut: a password typed into the name field should not end up whole in the log. */
    private static final int LOGGED_NAME_LENGTH = 64;

    private final SecurityProperties.LoginLimit limit;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();
    private volatile Instant lastSweep = Instant.MIN;

    public LoginThrottle(SecurityProperties.LoginLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Until when the name or the address is refused, if it is. */
    public Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        Instant until = null;
        for (String key : new String[] {userKey(username), addressKey(address)}) {
            Instant locked = key == null ? null : lockedUntil.get(key);
            if (locked != null && locked.isAfter(now) && (until == null || locked.isAfter(until))) {
                until = locked;
            }
        }
        return Optional.ofNullable(until);
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        String address = address(event.getAuthentication());
        // never the credentials: only the name as sent, the address and the kind of failure
        LOG.warn("Failed login for '{}' from {}: {}", loggable(username), address,
                event.getException().getClass().getSimpleName());
        Instant now = clock.instant();
        sweep(now);
        count(userKey(username), limit.maxFailures(), now);
        count(addressKey(address), limit.maxFailuresPerAddress(), now);
    }

    /**
     * A Bearer token that is no token of this service: a guess or a typo, counted for the address alone, since it names
     * no person. (An expired or revoked token is not counted: it is a real token, not a guess.)
     */
    public void unknownToken(String address) {
        LOG.warn("Failed login with an unknown API token from {}", address);
        Instant now = clock.instant();
        sweep(now);
        count(addressKey(address), limit.maxFailuresPerAddress(), now);
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        String user = userKey(event.getAuthentication().getName());
        if (user != null) {
            failures.remove(user);
        }
    }

    private void count(String key, int maxFailures, Instant now) {
        if (key == null) {
            return;
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            Instant windowStart = now.minus(limit.window());
            while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
                times.removeFirst();
            }
            if (times.size() >= maxFailures) {
                Instant until = now.plus(limit.lockout());
                lockedUntil.put(key, until);
                times.clear();
                LOG.warn("Logins locked for {} until {} after {} failures within {}", key, until, maxFailures,
                        limit.window());
            }
        }
    }

    /** Forgets failures older than the window and lockouts that have passed. */
    private void sweep(Instant now) {
        if (lastSweep.plus(limit.window()).isAfter(now)) {
            return;
        }
        lastSweep = now;
        Instant windowStart = now.minus(limit.window());
        failures.entrySet().removeIf(entry -> {
            Deque<Instant> times = entry.getValue();
            synchronized (times) {
                return times.isEmpty() || !times.peekLast().isAfter(windowStart);
            }
        });
        lockedUntil.values().removeIf(until -> !until.isAfter(now));
    }

    /** How many names and addresses are remembered (failures or lockouts); for tests and diagnostics. */
    int remembered() {
        return failures.size() + lockedUntil.size();
    }

    Duration lockout() {
        return limit.lockout();
    }

    private static String userKey(String username) {
        return username == null || username.isBlank() ? null : "login '" + loggable(LoginNames.canonical(username)) + "'";
    }

    private static String addressKey(String address) {
        return address == null || address.isBlank() ? null : "address " + address;
    }

    /** The name with control characters escaped (no forged log lines) and cut to a sane length. */
    static String loggable(String username) {
        if (username == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        username.codePoints().limit(LOGGED_NAME_LENGTH).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return username.codePointCount(0, username.length()) > LOGGED_NAME_LENGTH ? out.append('…').toString() : out.toString();
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
