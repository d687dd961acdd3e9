package ru.gov.tomsk.opendata.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import ru.gov.tomsk.opendata.PositiveDuration;

/**
 * The per-feed metrics ({@code opendata.metrics.*}).
 *
 * @param refreshInterval how often the feed gauges are recomputed from the state database; a scrape reads the
 *                        last computed values, so scrapes stay cheap however many feeds there are, and feeds
 *                        added or removed at runtime appear or vanish within one interval
 */
@Validated
@ConfigurationProperties("opendata.metrics")
public record MetricsProperties(@PositiveDuration @DefaultValue("30s") Duration refreshInterval) {
}
