package ru.gov.tomsk.opendata.ops;

import java.time.Duration;

import jakarta.validation.constraints.PositiveOrZero;

import ru.gov.tomsk.opendata.PositiveDuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When a deadline counts as near ({@code opendata.deadlines.*}).
 *
 * @param warnDays days before a deadline from which a feed not updated yet is <em>at risk</em> (capped per
 *                 frequency at one period less a day, see {@link Deadlines})
 * @param pushLateAfter a push feed whose expected push (its {@code schedule}) has not come this long after it is
 *                      <em>at risk</em> (see {@link Deadlines#missedPush})
 */
@Validated
@ConfigurationProperties("opendata.deadlines")
public record DeadlineProperties(@PositiveOrZero @DefaultValue("14") int warnDays,
                                 @PositiveDuration @DefaultValue("1h") Duration pushLateAfter) {
}
