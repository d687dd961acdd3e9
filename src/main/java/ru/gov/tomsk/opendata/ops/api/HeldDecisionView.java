package ru.gov.tomsk.opendata.ops.api;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.catalog.HeldVersion;

/** What an operator's approve or discard did. */
@Schema(name = "HeldDecision")
public record HeldDecisionView(long heldId, String feedId, HeldVersion.Status status, String decidedBy, Instant decidedAt,
                               @Schema(nullable = true, description = "the data version now published (approve only)")
                               String publishedVersion,
                               @Schema(nullable = true, description = "approve only: false when the held content equals "
                                       + "the published version, which then stays and gets its valid extended")
                               Boolean newVersion) {
}
