package ru.gov.tomsk.opendata.ops;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When a deadline counts as near ({@code opendata.deadlines.*}).
 *
 * @param warnDays days before a deadline from which a feed not updated yet is <em>at risk</em> (capped per
 *                 frequency at one period less a day, see {@link Deadlines})
 */
@Validated
@ConfigurationProperties("opendata.deadlines")
public record DeadlineProperties(@PositiveOrZero @DefaultValue("14") int warnDays) {
}
