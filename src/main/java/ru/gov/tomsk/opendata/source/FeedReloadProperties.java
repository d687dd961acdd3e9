package ru.gov.tomsk.opendata.source;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import ru.gov.tomsk.opendata.PositiveDuration;

/**
 * Live reload of the feed files ({@code opendata.feeds-reload.*}).
 *
 * @param enabled     whether added, edited and removed feed files take effect without a restart
 * @param interval    how often the feed directory is looked at; an edit takes effect within two intervals, once
 *                    the file stayed the same for one
 * @param stopTimeout how long replacing a feed's route waits for a run that started just then to end; a run
 *                    still going after it keeps the old route, and the change is tried again at the next look
 */
@Validated
@ConfigurationProperties("opendata.feeds-reload")
public record FeedReloadProperties(
        @DefaultValue("true") boolean enabled,
        @PositiveDuration @DefaultValue("5s") Duration interval,
        @NotNull @DurationMin(nanos = 0, message = "must not be negative, e.g. 30s") @DefaultValue("30s") Duration stopTimeout) {
}
