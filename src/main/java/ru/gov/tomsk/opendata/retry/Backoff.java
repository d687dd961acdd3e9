package ru.gov.tomsk.opendata.retry;

import java.time.Duration;
import java.util.Objects;

import io.github.resilience4j.core.IntervalFunction;

/**
 * The service's one backoff: the wait after the {@code n}-th failure in a row is {@code first} × 2<sup>n-1</sup>, never
 * more than {@code max}. Every retry that no Camel route does itself waits by it: the pages of an HTTP source
 * ({@code retryDelay}, {@code maxRetryDelay}), the outbox's next attempts ({@code opendata.outbox.backoff-*}) and
 * the alert webhook ({@code opendata.alerts.retry-delay}). resilience4j's exponential {@link IntervalFunction}
 * computes it, so that what waits in a loop, in the state database or in a {@code Retry} counts alike.
 *
 * <p>No jitter: each caller is one client retrying one thing (a feed's page, a delivery to a target), not a crowd
 * whose retries would need spreading, and a fixed sequence keeps run times and next-attempt times predictable.
 *
 * @param first the wait after the first failure; zero (or under a millisecond) retries at once, every time
 * @param max   the longest wait
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative()) {
            throw new IllegalArgumentException("a backoff must not be negative, was " + first);
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff's longest wait " + max + " is shorter than its first " + first);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first), capped at {@link #max()}. */
    public Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures are counted from 1, was " + failures);
        }
        // past 64 doublings any first wait has reached Long.MAX_VALUE ms, so the cap: no need to count further
        return Duration.ofMillis(intervals().apply(Math.min(failures, 64)));
    }

    /** The same waits as resilience4j's {@link IntervalFunction}, for a {@code RetryConfig}. */
    public IntervalFunction intervals() {
        if (first.toMillis() == 0) {
            return failures -> 0L;
        }
        // doubles without overflow: the product saturates at Long.MAX_VALUE before the cap applies
        return IntervalFunction.ofExponentialBackoff(first.toMillis(), 2.0, max.toMillis());
    }
}
