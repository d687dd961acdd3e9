package ru.gov.tomsk.opendata.source.http;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import ru.gov.tomsk.opendata.retry.Backoff;

/**
 * When a failed request is tried again: after a 5xx, 429 or 408 status, a timeout or a lost connection, up to
 * {@code retries} more times, waiting {@code initialDelay}, then twice that, and so on up to {@code maxDelay}: the
 * service's one {@link Backoff}. An API's own {@code Retry-After} replaces the computed wait.
 *
 * @param retries      further attempts after the first
 * @param initialDelay wait before the first retry
 * @param maxDelay     longest wait; an API asking for longer makes the run fail instead of hanging
 */
public record RetryPolicy(int retries, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("option 'retries' must be 0 or more; got " + retries);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("option 'maxRetryDelay' (" + maxDelay + ") is shorter than 'retryDelay' ("
                    + initialDelay + ")");
        }
    }

    /** Wait before retry number {@code retry} (1 for the first retry): the initial delay doubled each time, capped. */
    public Duration backoff(int retry) {
        return new Backoff(initialDelay, maxDelay).after(retry);
    }

    /**
     * The wait a {@code Retry-After} header asks for (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date counted from
     * {@code now} (a date in the past means "now"). Empty when the header is absent or unreadable, so the backoff applies.
     */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // more digits than a long: not a wait anyone means
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
