package ru.gov.tomsk.opendata.ops;

import org.apache.camel.builder.RouteBuilder;

/**
 * The periodic work of the operations side, as Camel timer routes so that it shows in Camel's route
 * metrics and health like everything else: refreshing the feed metrics and raising alerts.
 */
public class OpsRoutes extends RouteBuilder {

    static final String METRICS_ROUTE = "ops-feed-metrics";
    static final String ALERTS_ROUTE = "ops-feed-alerts";

    private final FeedMetrics metrics;
    private final FeedAlerts alerts;
    private final MetricsProperties metricsProperties;
    private final AlertProperties alertProperties;

    public OpsRoutes(FeedMetrics metrics, FeedAlerts alerts, MetricsProperties metricsProperties, AlertProperties alertProperties) {
        this.metrics = metrics;
        this.alerts = alerts;
        this.metricsProperties = metricsProperties;
        this.alertProperties = alertProperties;
    }

    @Override
    public void configure() {
        from("timer:" + METRICS_ROUTE + "?delay=1000&period=" + metricsProperties.refreshInterval().toMillis())
                .routeId(METRICS_ROUTE)
                .routeDescription("Recomputes the per-feed Prometheus gauges from the state database")
                .process(exchange -> metrics.refresh());
        from("timer:" + ALERTS_ROUTE + "?delay=5000&period=" + alertProperties.checkInterval().toMillis())
                .routeId(ALERTS_ROUTE)
                .routeDescription("Raises run-failed, held, at-risk, overdue and delivery alerts, each once")
                .process(exchange -> alerts.check());
    }
}
