package ru.gov.tomsk.opendata.ops.api;

import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A run that was started; it appears in the run history within moments. */
@Schema(name = "RunRequest")
public record RunRequestView(String feedId, String requestedBy, Instant requestedAt,
                             @Schema(description = "the run history, where the run appears", example = "/api/admin/feeds/7017069388-schools/runs")
                             URI runs) {
}
