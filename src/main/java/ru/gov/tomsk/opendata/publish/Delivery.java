package ru.gov.tomsk.opendata.publish;

import java.time.Instant;

/**
 * A row of the outbox: one dataset version for one target.
 *
 * @param attempts      attempts in the current round (reset when a new run asks for it again)
 * @param nextAttemptAt when a pending delivery is due
 * @param lastError     why the newest attempt failed, if it did; no secrets
 * @param revision      how often it was requested; an attempt that started before the newest request does not count as done
 * @param pendingSince  when the current round started: {@code opendata.outbox.max-age} counts from here
 * @param claimedBy     the node sending it right now, if any
 */
public record Delivery(long id, String identifier, String dataVersion, String target, DeliveryStatus status, int attempts,
                       Instant nextAttemptAt, String lastError, int revision, Instant pendingSince, String claimedBy,
                       Instant createdAt, Instant updatedAt, Instant deliveredAt) {
}
