package ru.gov.tomsk.opendata.programme.indicator;

import java.math.BigDecimal;

/**
 * A year's target of the state programme against what was published.
 *
 * @param year     the year
 * @param target   the cumulative number of published datasets the programme asks for at the year's end
 * @param reached  datasets published by the year's end; for the current year, by now; for a future year, null
 * @param over     whether the year is over (the figure will not change)
 */
public record YearTarget(int year, int target, Long reached, boolean over) {

    public BigDecimal percent() {
        return reached == null ? null : QuarterCount.percent(reached, target);
    }

    /** Whether the target is met (for a year not over yet: already met). */
    public boolean met() {
        return reached != null && reached >= target;
    }
}
