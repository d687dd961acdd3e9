package ru.gov.tomsk.opendata.ops.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.programme.indicator.Indicator;
import ru.gov.tomsk.opendata.programme.indicator.QuarterCount;
import ru.gov.tomsk.opendata.programme.indicator.YearTarget;

/** The published-datasets indicator: per quarter, and against the state programme's target of each year. */
@Schema(name = "Indicator")
public record IndicatorView(@Schema(description = "when it was computed") Instant asOf,
                            @Schema(description = "the region's zone the quarters are cut in", example = "Asia/Tomsk")
                            String zone,
                            @Schema(description = "datasets published by now") long published,
                            @Schema(description = "from the first quarter with a publication (or of the first target "
                                    + "year) to the current one, oldest first") List<Quarter> quarters,
                            @Schema(description = "the programme's targets, by year") List<Target> targets) {

    @Schema(name = "IndicatorQuarter")
    public record Quarter(int year, @Schema(description = "1 to 4") int quarter,
                          @Schema(description = "datasets first published in the quarter") long published,
                          @Schema(description = "datasets published by the quarter's end (the current one: by now)")
                          long cumulative,
                          @Schema(nullable = true, description = "the year's target, on the fourth quarter only")
                          Integer target,
                          @Schema(nullable = true, description = "cumulative as a percentage of target, one decimal")
                          BigDecimal percentOfTarget,
                          @Schema(description = "false for the current quarter, whose figures may still grow")
                          boolean complete) {
    }

    @Schema(name = "IndicatorTarget")
    public record Target(int year, int target,
                         @Schema(nullable = true, description = "datasets published by the year's end (this year: by "
                                 + "now); null for a year to come") Long reached,
                         @Schema(nullable = true) BigDecimal percent,
                         @Schema(description = "whether reached is final: the year is over") boolean over) {
    }

    static IndicatorView of(Indicator i) {
        return new IndicatorView(i.asOf(), i.zone(), i.published(), i.quarters().stream().map(IndicatorView::quarter)
                .toList(), i.targets().stream().map(IndicatorView::target).toList());
    }

    private static Quarter quarter(QuarterCount q) {
        return new Quarter(q.year(), q.quarter(), q.published(), q.cumulative(), q.target(), q.percentOfTarget(),
                q.complete());
    }

    private static Target target(YearTarget t) {
        return new Target(t.year(), t.target(), t.reached(), t.percent(), t.over());
    }
}
