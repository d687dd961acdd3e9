package ru.gov.tomsk.opendata.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of dry runs ({@code opendata.dry-run.*}). A dry run reads the whole source, like a run, so that its
 * counts and diff are true; these keep a department's tries from competing with the scheduled runs.
 *
 * @param timeout    longest a dry run may take before it is stopped and reported as such
 * @param maxRows    most records (and rejects) one dry run may ask to be shown
 * @param concurrent dry runs at once across all feeds; one more is refused until one ends
 */
@ConfigurationProperties("opendata.dry-run")
public record DryRunProperties(@DefaultValue("2m") Duration timeout,
                               @DefaultValue("1000") int maxRows,
                               @DefaultValue("2") int concurrent) {

    public DryRunProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("opendata.dry-run.timeout must be positive, not " + timeout);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("opendata.dry-run.max-rows must be at least 1, not " + maxRows);
        }
        if (concurrent < 1) {
            throw new IllegalArgumentException("opendata.dry-run.concurrent must be at least 1, not " + concurrent);
        }
    }
}
