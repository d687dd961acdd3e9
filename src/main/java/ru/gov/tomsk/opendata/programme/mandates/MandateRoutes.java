package ru.gov.tomsk.opendata.programme.mandates;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.MetricsProperties;

/** Refreshes {@link MandateMetrics} on a Camel timer, as the feed gauges are, so it shows in Camel's route health. */
@Component
class MandateRoutes extends RouteBuilder {

    static final String METRICS_ROUTE = "programme-mandate-metrics";

    private final MandateMetrics metrics;
    private final MetricsProperties properties;

    MandateRoutes(MandateMetrics metrics, MetricsProperties properties) {
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("timer:" + METRICS_ROUTE + "?delay=1000&period=" + properties.refreshInterval().toMillis())
                .routeId(METRICS_ROUTE)
                .routeDescription("Recomputes the mandated lists' coverage gauges")
                .process(exchange -> metrics.refresh());
    }
}
