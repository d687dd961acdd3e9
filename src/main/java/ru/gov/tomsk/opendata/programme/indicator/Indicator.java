package ru.gov.tomsk.opendata.programme.indicator;

import java.time.Instant;
import java.util.List;

/**
 * The published-datasets indicator as of {@code asOf}: per quarter from the first one with a publication (or the
 * first target year) to the current one, and the programme's target per year.
 *
 * @param zone      the region's zone the quarters are cut in
 * @param published datasets published by now
 */
public record Indicator(Instant asOf, String zone, long published, List<QuarterCount> quarters,
                        List<YearTarget> targets) {
}
