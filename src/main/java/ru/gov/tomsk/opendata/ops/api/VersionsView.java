package ru.gov.tomsk.opendata.ops.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.HeldVersion;

/** The versions of a dataset: what is published, and what waits for an operator. */
@Schema(name = "Versions")
public record VersionsView(String feedId,
                           @Schema(description = "published data versions, newest first") List<Published> published,
                           @Schema(description = "versions a guard held back, waiting for approve or discard, newest first")
                           List<Held> held) {

    @Schema(name = "PublishedVersion")
    public record Published(@Schema(example = "20260320T0900") String version,
                            @Schema(example = "20260320T0900") String structureVersion,
                            Instant createdAt, long rowCount, List<String> formats,
                            @Schema(nullable = true) Long rowsAdded, @Schema(nullable = true) Long rowsChanged,
                            @Schema(nullable = true) Long rowsRemoved,
                            @Schema(description = "the passport's provenance text") String provenance,
                            @Schema(description = "content fingerprint (SHA-256)") String fingerprint) {

        static Published of(DataVersion v) {
            return new Published(v.version(), v.structureVersion(), v.createdAt(), v.rowCount(), v.formats(), v.rowsAdded(),
                    v.rowsChanged(), v.rowsRemoved(), v.provenance(), v.fingerprint());
        }
    }

    @Schema(name = "HeldVersion")
    public record Held(@Schema(description = "approve or discard it at /api/admin/held/{id}/…") long id,
                       @Schema(description = "the run that held it") long runId,
                       Instant createdAt, HeldVersion.Status status,
                       @Schema(description = "which guard held it and why") String reason,
                       long rowCount, List<String> formats,
                       @Schema(nullable = true) Long rowsAdded, @Schema(nullable = true) Long rowsChanged,
                       @Schema(nullable = true) Long rowsRemoved,
                       @Schema(nullable = true) Instant decidedAt, @Schema(nullable = true) String decidedBy) {

        static Held of(HeldVersion h) {
            return new Held(h.id(), h.runId(), h.createdAt(), h.status(), h.reason(), h.rowCount(), h.formats(),
                    h.rowsAdded(), h.rowsChanged(), h.rowsRemoved(), h.decidedAt(), h.decidedBy());
        }
    }
}
