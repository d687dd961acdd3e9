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
 * for {@code lockout}, even with the right
 * password. A successful login clears its name and address. Counted per node, in memory: a restart forgets,
 * which is acceptable for a lockout measured in minutes.
 *
 * <p>Both keys matter: the name stops a guesser who rotates addresses, the address one who rotates names.
 */
public class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final SecurityProperties.LoginLimit limit;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

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
        LOG.warn("Failed login for '{}' from {}: {}", username, address, event.getException().getClass().getSimpleName());
        count(userKey(username), limit.maxFailures());
        count(addressKey(address), limit.maxFailuresPerAddress());
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        String user = userKey(event.getAuthentication().getName());
        String address = addressKey(address(event.getAuthentication()));
        if (user != null) {
            failures.remove(user);
        }
        if (address != null) {
            failures.remove(address);
        }
    }

    private void count(String key, int maxFailures) {
        if (key == null) {
            return;
        }
        Instant now = clock.instant();
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(limit.window()))) {
                times.removeFirst();
            }
            if (times.size() >= maxFailures) {
                lockedUntil.put(key, now.plus(limit.lockout()));
                times.clear();
                LOG.warn("Logins locked for {} until {} after {} failures within {}", key, now.plus(limit.lockout()),
                        maxFailures, limit.window());
            }
        }
    }

    Duration lockout() {
        return limit.lockout();
    }

    private static String userKey(String username) {
        return username == null || username.isBlank() ? null : "login '" + username + "'";
    }

    private static String addressKey(String address) {
        return address == null || address.isBlank() ? null : "address " + address;
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
