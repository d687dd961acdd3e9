package ru.gov.tomsk.opendata.programme.requests;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.AlertProperties;
import ru.gov.tomsk.opendata.ops.MetricsProperties;
import ru.gov.tomsk.opendata.publish.PublishProperties;

/**
 * The periodic work of the requests, as Camel timer routes beside the feeds' ({@code ops.OpsRoutes}), on the same
 * periods: notices with the outbox's polls ({@code opendata.outbox.poll-interval}), alerts with the feeds' alert
 * checks ({@code opendata.alerts.check-interval}), metrics with theirs ({@code opendata.metrics.refresh-interval}).
 */
@Component
public class RequestRoutes extends RouteBuilder {

    static final String NOTICES_ROUTE = "requests-notices";
    static final String ALERTS_ROUTE = "requests-alerts";
    static final String METRICS_ROUTE = "requests-metrics";

    private final RequestNotices notices;
    private final RequestAlerts alerts;
    private final RequestMetrics metrics;
    private final PublishProperties publish;
    private final AlertProperties alertProperties;
    private final MetricsProperties metricsProperties;

    public RequestRoutes(RequestNotices notices, RequestAlerts alerts, RequestMetrics metrics, PublishProperties publish,
                         AlertProperties alertProperties, MetricsProperties metricsProperties) {
        this.notices = notices;
        this.alerts = alerts;
        this.metrics = metrics;
        this.publish = publish;
        this.alertProperties = alertProperties;
        this.metricsProperties = metricsProperties;
    }

    @Override
    public void configure() {
        from("timer:" + NOTICES_ROUTE + "?delay=2000&period=" + publish.outbox().pollInterval().toMillis())
                .routeId(NOTICES_ROUTE)
                .routeDescription("Sends the due e-mail notices of answered requests, retrying failed ones")
                .process(exchange -> notices.sendDue());
        from("timer:" + ALERTS_ROUTE + "?delay=5000&period=" + alertProperties.checkInterval().toMillis())
                .routeId(ALERTS_ROUTE)
                .routeDescription("Raises the requests' at-risk and overdue alerts, each once")
                .process(exchange -> alerts.check());
        from("timer:" + METRICS_ROUTE + "?delay=1000&period=" + metricsProperties.refreshInterval().toMillis())
                .routeId(METRICS_ROUTE)
                .routeDescription("Recomputes the requests' Prometheus gauges from the state database")
                .process(exchange -> metrics.refresh());
    }
}
