package ru.gov.tomsk.opendata.ops;

import java.time.Instant;
import java.time.LocalDate;

import ru.gov.tomsk.opendata.catalog.FeedRun;

/**
 * One feed as the console, the admin API, metrics, health and alerts see it: a read model assembled
 * by {@link FeedStatuses} from the registry, the run log, the catalogue, the gate, the outbox and Quartz.
 *
 * @param identifier        feed id (for an invalid file: the file name without extension)
 * @param title             dataset title; for an invalid file the id
 * @param frequency         frequency word ({@code quarterly} …); null for an invalid file
 * @param condition         the worst condition that applies
 * @param reason            a human sentence explaining the condition (English)
 * @param lastRun           newest run, if any
 * @param lastSuccessAt     start of the newest run that published or confirmed the data
 * @param newestVersion     newest published data version
 * @param newestVersionAt   when the newest version was committed
 * @param nextFireAt        next scheduled run, if the feed is scheduled; for a push feed, the next push its schedule
 *                          expects
 * @param deadline          when the next update is due (see {@link Deadlines})
 * @param daysToDeadline    days from today (in the configured zone) to the deadline; negative when overdue
 * @param atRisk            the deadline is near and not met
 * @param overdue           the deadline has passed
 * @param heldVersions      versions waiting for an operator
 * @param pendingDeliveries outbox rows still to be sent
 * @param failedDeliveries  outbox rows given up
 */
public record FeedStatus(String identifier, String title, String frequency, FeedCondition condition,
                         String reason, FeedRun lastRun, Instant lastSuccessAt,
                         String newestVersion, Instant newestVersionAt, Instant nextFireAt,
                         LocalDate deadline, Long daysToDeadline,
                         boolean atRisk, boolean overdue, int heldVersions, int pendingDeliveries, int failedDeliveries) {
}
