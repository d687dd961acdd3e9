package ru.gov.tomsk.opendata.ops.api;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A refused file moved back into its drop directory; the feed's next run reads it.
 *
 * @param feed        the feed
 * @param name        the file, now waiting in the drop directory
 * @param requeuedBy  who moved it back
 * @param requeuedAt  when
 * @param nextRunAt   when the feed's schedule fires next (a run can also be started now); null if not scheduled
 */
@Schema(name = "Requeue")
record RequeueView(String feed, String name, String requeuedBy, Instant requeuedAt, Instant nextRunAt) {
}
