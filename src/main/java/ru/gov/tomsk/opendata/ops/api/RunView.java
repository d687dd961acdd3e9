package ru.gov.tomsk.opendata.ops.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.dataset.CleanupKind;
import ru.gov.tomsk.opendata.ops.ServerPaths;

/** One run of a feed, as the run history shows it. */
@Schema(name = "Run", description = "One run of a feed")
public record RunView(
        @Schema(description = "run id; the quarantine report is at /api/admin/runs/{id}/quarantine") long id,
        @Schema(example = "7017069388-schools") String feedId,
        @Schema(description = "host that ran it (several nodes share the schedule)") String node,
        RunStatus status,
        Instant startedAt,
        @Schema(nullable = true, description = "null while running") Instant finishedAt,
        long rowsRead,
        @Schema(description = "records that passed the checks") long rowsWritten,
        @Schema(description = "records in the run's quarantine report") long rowsRejected,
        @Schema(nullable = true, description = "against the previous version; null when the run did not get that far")
        Long rowsAdded,
        @Schema(nullable = true) Long rowsChanged,
        @Schema(nullable = true) Long rowsRemoved,
        @Schema(nullable = true, description = "data version published or confirmed") String dataVersion,
        @Schema(nullable = true, description = "held version waiting for an operator, when status is HELD") Long heldId,
        @Schema(nullable = true, description = "what happened, e.g. why it failed or was held; for a failure, in "
                + "Russian first, then «Подробности: » and the technical detail") String message,
        @Schema(description = "values of the records that passed the checks which the text clean-up changed, per field "
                + "(structure order) and kind; empty when it changed none") List<Cleanup> cleanup) {

    /** How many values of one field the clean-up changed in one way. */
    @Schema(name = "RunCleanup")
    public record Cleanup(@Schema(example = "name") String field,
                          @Schema(description = "CONTROL_CHARACTERS (removed), LINE_BREAKS (CR LF and CR made LF), "
                                  + "EDGES (whitespace trimmed), NFC (Unicode normalisation)") CleanupKind kind,
                          @Schema(description = "values changed this way") long values) {
    }

    static RunView of(FeedRun r, ServerPaths paths) {
        return r == null ? null : new RunView(r.id(), r.feedId(), r.node(), r.status(), r.startedAt(), r.finishedAt(),
                r.rowsRead(), r.rowsWritten(), r.rowsRejected(), r.rowsAdded(), r.rowsChanged(), r.rowsRemoved(),
                r.dataVersion(), r.heldId(), paths.hide(r.shownMessage()),
                r.cleanup().stream().map(c -> new Cleanup(c.field(), c.kind(), c.values())).toList());
    }
}
