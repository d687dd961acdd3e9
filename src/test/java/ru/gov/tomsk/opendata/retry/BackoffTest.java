package ru.gov.tomsk.opendata.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.publish.PublishProperties;
import ru.gov.tomsk.opendata.source.http.RetryPolicy;

/** The one backoff of the service, and that the HTTP source and the outbox wait by it alike. */
class BackoffTest {

    static List<Long> seconds(IntFunction<Duration> waits, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(waits).map(Duration::toSeconds).toList();
    }

    @Test
    void anHttpSourceAndTheOutboxWaitTheSameSequenceForTheSameSettings() {
        List<Long> expected = List.of(30L, 60L, 120L, 240L, 300L, 300L);
        assertThat(seconds(new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5))::after, 6)).isEqualTo(expected);
        assertThat(seconds(new RetryPolicy(6, Duration.ofSeconds(30), Duration.ofMinutes(5))::backoff, 6))
                .isEqualTo(expected);
        PublishProperties.Outbox outbox = new PublishProperties.Outbox(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofDays(3), Duration.ofMinutes(30), 50);
        assertThat(seconds(outbox::backoff, 6)).isEqualTo(expected);
    }

    @Test
    void resilience4jRetriesWaitWhatTheBackoffSays() {
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(300));
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(n -> backoff.intervals().apply(n)).toList())
                .containsExactly(50L, 100L, 200L, 300L, 300L, 300L)
                .isEqualTo(IntStream.rangeClosed(1, 6).mapToObj(n -> backoff.after(n).toMillis()).toList());
    }

    @Test
    void endlessFailuresStayAtTheCapWithoutOverflowOrCounting() {
        Backoff backoff = new Backoff(Duration.ofMinutes(30), Duration.ofHours(1));
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
        assertThat(new Backoff(Duration.ofMillis(1), Duration.ofDays(365_000)).after(200)).isEqualTo(Duration.ofDays(365_000));
    }

    @Test
    void aZeroFirstWaitRetriesAtOnce() {
        Backoff backoff = new Backoff(Duration.ZERO, Duration.ofMinutes(1));
        assertThat(backoff.after(1)).isZero();
        assertThat(backoff.after(10)).isZero();
        assertThat(backoff.intervals().apply(3)).isZero();
    }

    @Test
    void aCapBelowTheFirstWaitOrANegativeWaitIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessage("a backoff's longest wait PT1S is shorter than its first PT10S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessage("a backoff must not be negative, was PT-1S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).after(0))
                .hasMessage("failures are counted from 1, was 0");
    }
}
