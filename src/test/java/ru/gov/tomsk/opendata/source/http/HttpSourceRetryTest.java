package ru.gov.tomsk.opendata.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class HttpSourceRetryTest {

    static final Instant NOW = Instant.parse("2026-03-20T02:00:00Z");

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(policy::backoff).map(Duration::toSeconds).toList())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
    }

    @Test
    void backoffBaseIsConfigurable() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50));
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(policy::backoff).map(Duration::toMillis).toList())
                .containsExactly(10L, 20L, 40L, 50L, 50L);
    }

    @Test
    void backoffNeverOverflowsOnLongRetrySequences() {
        RetryPolicy policy = new RetryPolicy(1000, Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(policy.backoff(1000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(RetryPolicy.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDateCountsFromNow() {
        assertThat(RetryPolicy.retryAfter("Fri, 20 Mar 2026 02:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        // a date already past means "retry now", not a negative wait
        assertThat(RetryPolicy.retryAfter("Fri, 20 Mar 2026 01:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anUnreadableRetryAfterLeavesTheBackoffInCharge() {
        assertThat(RetryPolicy.retryAfter(null, NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("", NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("soon", NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("-5", NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("99999999999999999999999", NOW)).isEmpty();
    }

    @Test
    void whatIsRetried() {
        assertThat(IntStream.of(500, 502, 503, 504, 429, 408).allMatch(PageFetcher::retryable)).isTrue();
        assertThat(IntStream.of(400, 401, 403, 404, 410, 422).noneMatch(PageFetcher::retryable)).isTrue();
    }

    @Test
    void aCapBelowTheInitialDelayIsAMistake() {
        assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessageContaining("maxRetryDelay");
    }
}
