package ru.gov.tomsk.opendata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ru.gov.tomsk.opendata.support.MutableClock;

/**
 * The failed-login limit on its own, with the events Spring Security publishes and a clock the test moves: the
 * window slides, the lock lasts its time, the two keys (name, address) are independent, and strangers' names
 * neither fill the memory nor forge log lines.
 */
class LoginThrottleTest {

    static final SecurityProperties.LoginLimit LIMIT =
            new SecurityProperties.LoginLimit(5, 20, Duration.ofMinutes(5), Duration.ofMinutes(15));

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(LIMIT, clock);
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(LoginThrottle.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(LoginThrottle.class)).detachAppender(log);
    }

    void fail(String name, String password, String address) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        attempt.setDetails(new WebAuthenticationDetails(address, null));
        throttle.failed(new AuthenticationFailureBadCredentialsEvent(attempt, new BadCredentialsException("Bad credentials")));
    }

    void succeed(String name, String address) {
        UsernamePasswordAuthenticationToken login = UsernamePasswordAuthenticationToken.authenticated(name, null, java.util.List.of());
        login.setDetails(new WebAuthenticationDetails(address, null));
        throttle.succeeded(new AuthenticationSuccessEvent(login));
    }

    void advance(Duration duration) {
        clock.set(clock.instant().plus(duration));
    }

    @Test
    void theFifthFailureWithinTheWindowLocksTheNameForTheLockout() {
        for (int i = 1; i <= 4; i++) {
            fail("ivanova", "guess-" + i, "10.0.0." + i);
            assertThat(throttle.lockedUntil("ivanova", "10.0.0.99")).as("after failure " + i).isEmpty();
        }
        fail("ivanova", "guess-5", "10.0.0.5");
        Instant until = clock.instant().plus(Duration.ofMinutes(15));
        // the sixth attempt is refused from any address, whatever its password
        assertThat(throttle.lockedUntil("ivanova", "10.0.0.99")).hasValue(until);
        assertThat(throttle.lockedUntil("petrov", "10.0.0.99")).isEmpty();

        advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(throttle.lockedUntil("ivanova", "10.0.0.99")).hasValue(until);
        advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedUntil("ivanova", "10.0.0.99")).isEmpty();
        // and the count starts again from nothing
        fail("ivanova", "guess-6", "10.0.0.6");
        assertThat(throttle.lockedUntil("ivanova", "10.0.0.99")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        for (int i = 1; i <= 4; i++) {
            fail("ivanova", "guess", "10.0.0.1");
        }
        advance(Duration.ofMinutes(5));
        for (int i = 1; i <= 4; i++) {
            fail("ivanova", "guess", "10.0.0.1");
            assertThat(throttle.lockedUntil("ivanova", "10.0.0.1")).isEmpty();
        }
        advance(Duration.ofMinutes(4));
        fail("ivanova", "guess", "10.0.0.1");
        assertThat(throttle.lockedUntil("ivanova", "10.0.0.1")).isPresent();
    }

    @Test
    void aSuccessfulLoginClearsItsNameButNotTheAddress() {
        for (int i = 1; i <= 4; i++) {
            fail("ivanova", "typo", "10.0.0.1");
        }
        succeed("ivanova", "10.0.0.1");
        for (int i = 1; i <= 4; i++) {
            fail("ivanova", "typo", "10.0.0.1");
        }
        assertThat(throttle.lockedUntil("ivanova", "10.0.0.2")).isEmpty();

        // a guesser with one valid account of their own cannot reset the address counter between guesses
        for (int i = 1; i <= 11; i++) {
            fail("victim-" + i, "guess", "10.0.0.1");
            succeed("mallory", "10.0.0.1");
        }
        assertThat(throttle.lockedUntil("nobody-yet", "10.0.0.1")).isEmpty();
        fail("victim-12", "guess", "10.0.0.1"); // the 20th failure from this address
        assertThat(throttle.lockedUntil("mallory", "10.0.0.1")).isPresent();
        assertThat(throttle.lockedUntil("mallory", "10.0.0.2")).isEmpty();
    }

    @Test
    void anAddressThatRotatesNamesIsLockedAfterItsOwnLimit() {
        for (int i = 1; i <= 19; i++) {
            fail("name-" + i, "guess", "203.0.113.7");
        }
        assertThat(throttle.lockedUntil("ivanova", "203.0.113.7")).isEmpty();
        fail("name-20", "guess", "203.0.113.7");
        assertThat(throttle.lockedUntil("ivanova", "203.0.113.7")).hasValue(clock.instant().plus(Duration.ofMinutes(15)));
        // colleagues elsewhere are not affected, nor is any of the names
        assertThat(throttle.lockedUntil("ivanova", "10.0.0.1")).isEmpty();
        assertThat(throttle.lockedUntil("name-1", "10.0.0.1")).isEmpty();
    }

    @Test
    void strangersNamesAreForgottenOnceTheirWindowAndLockoutHavePassed() {
        for (int i = 0; i < 2000; i++) {
            fail("random-" + i, "guess", "198.51.100." + (i % 200));
        }
        assertThat(throttle.remembered()).isGreaterThanOrEqualTo(2000);
        advance(Duration.ofMinutes(16));
        fail("one-more", "guess", "192.0.2.1");
        assertThat(throttle.remembered()).isEqualTo(2);
    }

    @Test
    void theLogNamesTheLoginAndAddressButNeverThePasswordNorForgedLines() {
        fail("ivanova", "Secret-Password-42", "10.0.0.1");
        fail("admin\r\n2026-03-20 INFO forged line", "Other-Secret-7", "10.0.0.2");
        fail("x".repeat(300), "Third-Secret-9", "10.0.0.3");

        assertThat(log.list).hasSize(3);
        assertThat(log.list).allSatisfy(line -> assertThat(line.getLevel().toString()).isEqualTo("WARN"));
        assertThat(log.list.get(0).getFormattedMessage())
                .isEqualTo("Failed login for 'ivanova' from 10.0.0.1: BadCredentialsException");
        assertThat(log.list.get(1).getFormattedMessage())
                .contains("'admin\\u000d\\u000a2026-03-20 INFO forged line'").doesNotContain("\n", "\r");
        assertThat(log.list.get(2).getFormattedMessage()).contains("'" + "x".repeat(64) + "…'")
                .doesNotContain("x".repeat(65));
        assertThat(log.list).noneSatisfy(line -> assertThat(line.getFormattedMessage()).containsAnyOf(
                "Secret-Password-42", "Other-Secret-7", "Third-Secret-9"));
    }

    @Test
    void aNameCountsInItsCanonicalFormWhateverTheSpelling() {
        // case, surrounding blanks and Unicode composition: "é" typed precomposed or as e + combining acute
        for (String spelling : new String[] {"Andrés", "ANDRÉS", " andrés ", "Andre\u0301s"}) {
            fail(spelling, "guess", "10.0.0.1");
        }
        assertThat(throttle.lockedUntil("andrés", "10.0.0.9")).isEmpty();
        fail("andrÉs", "guess", "10.0.0.1");
        assertThat(throttle.lockedUntil("ANDRÉS", "10.0.0.9")).isPresent();
        assertThat(throttle.lockedUntil("andre\u0301s", "10.0.0.9")).isPresent();
        assertThat(LoginNames.canonical(" VICTIM ")).isEqualTo("victim");
    }

    @Test
    void aCanonicalNameIgnoresTheJvmLocale() {
        java.util.Locale previous = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            // in Turkish, "I".toLowerCase() is a dotless ı: ADMIN would be another person than admin
            assertThat(LoginNames.canonical("ADMIN")).isEqualTo("admin");
        } finally {
            java.util.Locale.setDefault(previous);
        }
    }

    @Test
    void anUnknownTokenCountsForItsAddressOnly() {
        for (int i = 1; i <= 19; i++) {
            throttle.unknownToken("203.0.113.9");
        }
        assertThat(throttle.lockedUntil(null, "203.0.113.9")).isEmpty();
        throttle.unknownToken("203.0.113.9");
        assertThat(throttle.lockedUntil(null, "203.0.113.9")).isPresent();
        assertThat(throttle.lockedUntil("ivanova", "10.0.0.1")).isEmpty();
        assertThat(log.list.get(0).getFormattedMessage()).isEqualTo("Failed login with an unknown API token from 203.0.113.9");
    }
}
