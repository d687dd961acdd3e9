package ru.gov.tomsk.opendata.programme.mandates;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

/**
 * {@code opendata_mandate_items{list,state}}: how many items of each mandated list are in each {@link CoverageState}
 * ({@code state} lowercase: current, at_risk, overdue, not_covered), every state of every valid list, zeros included,
 * so that {@code opendata_mandate_items{state="overdue"} > 0} is an alert without absent-series tricks. Recomputed by
 * {@link MandateRoutes} every {@code opendata.metrics.refresh-interval} like the feed gauges, not at scrape time; a
 * list whose file turns broken loses its series at the next refresh.
 */
@Component
public class MandateMetrics {

    private final MandateCoverage coverage;
    private final MultiGauge items;

    public MandateMetrics(MandateCoverage coverage, MeterRegistry registry) {
        this.coverage = coverage;
        this.items = MultiGauge.builder("opendata.mandate.items")
                .description("Items of the mandated list (tag list) in the coverage state (tag state)")
                .register(registry);
    }

    public synchronized void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Coverage.ListCoverage list : coverage.now().lists()) {
            list.counts().forEach((state, count) ->
                    rows.add(MultiGauge.Row.of(Tags.of("list", list.list().id(), "state", state.label()), count)));
        }
        items.register(rows, true);
    }
}
