package ru.gov.tomsk.opendata.programme.indicator;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.programme.ProgrammeProperties;

/**
 * {@code opendata_datasets_published_target{year}}: the state programme's target for the cumulative number of
 * published datasets at each year's end, beside {@code opendata_datasets_published} (FeedMetrics) so that a
 * dashboard draws both. The targets are settings, so the series are registered once, at start.
 */
@Component
public class IndicatorMetrics {

    public IndicatorMetrics(ProgrammeProperties programme, MeterRegistry registry) {
        MultiGauge targets = MultiGauge.builder("opendata.datasets.published.target")
                .description("The state programme's target for the number of published datasets at the year's end")
                .register(registry);
        List<MultiGauge.Row<?>> rows = programme.targets().entrySet().stream()
                .<MultiGauge.Row<?>>map(t -> MultiGauge.Row.of(Tags.of("year", t.getKey().toString()), t.getValue()))
                .toList();
        targets.register(rows, true);
    }
}
