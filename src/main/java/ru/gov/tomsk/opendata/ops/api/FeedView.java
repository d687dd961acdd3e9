package ru.gov.tomsk.opendata.ops.api;

import java.time.Instant;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatus;
import ru.gov.tomsk.opendata.ops.ServerPaths;

/** A feed with its status, schedule and deadline, as the overview shows it. */
@Schema(name = "Feed", description = "A feed with its status, schedule and deadline")
public record FeedView(
        @Schema(example = "7017069388-schools", description = "for a broken file that never loaded: the file name "
                + "without extension") String identifier,
        String title,
        @Schema(nullable = true, example = "quarterly", description = "null for a broken file") String frequency,
        @Schema(description = "the worst condition that applies") FeedCondition condition,
        @Schema(description = "why the feed is in that condition") String reason,
        @Schema(nullable = true, description = "the newest run") RunView lastRun,
        @Schema(nullable = true, description = "start of the newest run that published or confirmed the data")
        Instant lastSuccessAt,
        @Schema(nullable = true, example = "20260320T0900") String newestVersion,
        @Schema(nullable = true) Instant newestVersionAt,
        @Schema(nullable = true, description = "next scheduled run") Instant nextFireAt,
        @Schema(nullable = true, description = "when the next update is due (the passport's valid)") LocalDate deadline,
        @Schema(nullable = true, description = "days left to the deadline in the service's zone; negative when overdue")
        Long daysToDeadline,
        boolean atRisk,
        boolean overdue,
        @Schema(description = "versions waiting for approval") int heldVersions,
        @Schema(description = "deliveries still to be sent") int pendingDeliveries,
        @Schema(description = "deliveries given up, to be retried by an operator") int failedDeliveries) {

    static FeedView of(FeedStatus s, ServerPaths paths) {
        return new FeedView(s.identifier(), s.title(), s.frequency(), s.condition(), paths.hide(s.reason()),
                RunView.of(s.lastRun(), paths),
                s.lastSuccessAt(), s.newestVersion(), s.newestVersionAt(), s.nextFireAt(), s.deadline(),
                s.daysToDeadline(), s.atRisk(), s.overdue(), s.heldVersions(), s.pendingDeliveries(), s.failedDeliveries());
    }
}
