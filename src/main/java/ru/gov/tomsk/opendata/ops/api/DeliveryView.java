package ru.gov.tomsk.opendata.ops.api;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.publish.Delivery;
import ru.gov.tomsk.opendata.publish.DeliveryStatus;

/** One dataset version on its way to one target (a row of the outbox). */
@Schema(name = "Delivery")
public record DeliveryView(
        long id,
        String feedId,
        String dataVersion,
        @Schema(example = "regional", description = "target name from opendata.targets") String target,
        DeliveryStatus status,
        @Schema(description = "attempts in the current round") int attempts,
        @Schema(nullable = true, description = "why the newest attempt failed; never contains secrets") String lastError,
        @Schema(nullable = true, description = "when a pending delivery is due") Instant nextAttemptAt,
        @Schema(description = "a node is sending it right now: its lease is held by a node that is alive (a lease left by "
                + "a node that died mid-send is not)") boolean sending,
        @Schema(nullable = true, description = "start of the current round; opendata.outbox.max-age counts from here")
        Instant pendingSince,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) Instant deliveredAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.identifier(), d.dataVersion(), d.target(), d.status(), d.attempts(), d.lastError(),
                d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : null, d.sending(), d.pendingSince(),
                d.createdAt(), d.updatedAt(), d.deliveredAt());
    }
}
