package ru.gov.tomsk.opendata.programme.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One quarter of the published-datasets indicator.
 *
 * @param year       the year, in the region's calendar
 * @param quarter    1 to 4
 * @param published  datasets first published in this quarter
 * @param cumulative datasets published by the quarter's end (for the current quarter: by now)
 * @param target     the state programme's target for the year's end, on the fourth quarter only; null elsewhere or
 *                   when the year has none
 * @param complete   false for the current quarter, whose figures may still grow
 */
public record QuarterCount(int year, int quarter, long published, long cumulative, Integer target, boolean complete) {

    /** «I кв. 2026», as the console and the report say it. */
    public String label() {
        return ROMAN[quarter - 1] + " кв. " + year;
    }

    /** The cumulative count as a percentage of the target, one decimal; null without a target (or with 0). */
    public BigDecimal percentOfTarget() {
        return percent(cumulative, target);
    }

    static BigDecimal percent(long count, Integer target) {
        if (target == null || target == 0) {
            return null;
        }
        return BigDecimal.valueOf(count * 100L).divide(BigDecimal.valueOf(target), 1, RoundingMode.HALF_UP);
    }

    private static final String[] ROMAN = {"I", "II", "III", "IV"};
}
