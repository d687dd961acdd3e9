package ru.gov.tomsk.opendata.ops.ingest;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Push ingestion ({@code opendata.push.*}): what a push to {@code POST /api/ingest/<feed>} may be and how long its
 * answer is kept.
 *
 * @param maxSize       the largest body accepted; a larger one is answered 413 and nothing of it runs
 * @param syncThreshold a body up to this size (with a Content-Length) is answered when its run ends; a larger one, or
 *                      one of unknown length (chunked), is answered 202 at once, with a status URL
 * @param keep          how long the answers of pushes are kept: a retry with the same Idempotency-Key within this time
 *                      gets the same answer, and a status URL answers for this long
 */
@Validated
@ConfigurationProperties("opendata.push")
public record PushProperties(
        @NotNull @DefaultValue("1GB") DataSize maxSize,
        @NotNull @DefaultValue("16MB") DataSize syncThreshold,
        @NotNull @DefaultValue("24h") Duration keep) {

    @AssertTrue(message = "opendata.push.max-size must be more than 0, sync-threshold at most max-size, and keep"
            + " not negative")
    boolean isConsistent() {
        return maxSize.toBytes() > 0 && syncThreshold.toBytes() >= 0 && syncThreshold.compareTo(maxSize) <= 0
                && !keep.isNegative();
    }
}
