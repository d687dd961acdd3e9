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
 * @param claimedBy     the node holding its lease, if any: sending it, or killed while it was
 * @param claimedUntil  when that lease runs out and another node may take the delivery
 * @param sending       a node is sending it right now: the lease is held by a node that is alive (it reported within
 *                      {@link Outbox#LIVE}); false for a lease left by a node that died mid-send
 */
public record Delivery(long id, String identifier, String dataVersion, String target, DeliveryStatus status, int attempts,
                       Instant nextAttemptAt, String lastError, int revision, Instant pendingSince, String claimedBy,
                       Instant claimedUntil, boolean sending, Instant createdAt, Instant updatedAt, Instant deliveredAt) {

    /** This delivery, with whether it is being sent as the live nodes tell. */
    Delivery withSending(java.util.Set<String> liveNodes, Instant now) {
        boolean held = claimedBy != null && claimedUntil != null && !claimedUntil.isBefore(now) && liveNodes.contains(claimedBy);
        return new Delivery(id, identifier, dataVersion, target, status, attempts, nextAttemptAt, lastError, revision,
                pendingSince, claimedBy, claimedUntil, held, createdAt, updatedAt, deliveredAt);
    }
}
