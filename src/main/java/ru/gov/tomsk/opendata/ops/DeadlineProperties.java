package ru.gov.tomsk.opendata.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a deadline counts as near ({@code opendata.deadlines.*}).
 *
 * @param warnDays days before a deadline from which a feed not updated yet is <em>at risk</em> (capped per
 *                 frequency at one period less a day, see {@link Deadlines})
 * @param pushLateAfter a push feed whose expected push (its {@code schedule}) has not come this long after it is
 *                      <em>at risk</em> (see {@link Deadlines#missedPush})
 */
@ConfigurationProperties("opendata.deadlines")
public record DeadlineProperties(@DefaultValue("14") int warnDays, @DefaultValue("1h") Duration pushLateAfter) {

    public DeadlineProperties {
        if (warnDays < 0) {
            throw new IllegalArgumentException("opendata.deadlines.warn-days must be 0 or more, was " + warnDays);
        }
        if (pushLateAfter.isNegative()) {
            throw new IllegalArgumentException("opendata.deadlines.push-late-after must not be negative, was " + pushLateAfter);
        }
    }
}
