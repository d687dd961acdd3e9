package ru.gov.tomsk.opendata.ops;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import ru.gov.tomsk.opendata.PositiveDuration;

/**
 * Limits of dry runs ({@code opendata.dry-run.*}). A dry run reads the whole source, like a run, so that its
 * counts and diff are true; these keep a department's tries from competing with the scheduled runs.
 *
 * @param timeout    longest a dry run may take before it is stopped and reported as such
 * @param maxRows    most records (and rejects) one dry run may ask to be shown
 * @param concurrent dry runs at once across all feeds; one more is refused until one ends
 * @param maxSampleSize largest sample file a draft may be tried (and installed) with; the upload of a draft is
 *                      refused above it, plus the feed file's own limit
 */
@Validated
@ConfigurationProperties("opendata.dry-run")
public record DryRunProperties(@PositiveDuration @DefaultValue("2m") Duration timeout,
                               @Positive @DefaultValue("1000") int maxRows,
                               @Positive @DefaultValue("2") int concurrent,
                               @NotNull @DefaultValue("20MB") DataSize maxSampleSize) {

    /** A positive size is checked here: Bean Validation has no constraint for DataSize. */
    public DryRunProperties {
        if (maxSampleSize != null && maxSampleSize.toBytes() <= 0) {
            throw new IllegalArgumentException("opendata.dry-run.max-sample-size must be positive, e.g. 20MB");
        }
    }
}
