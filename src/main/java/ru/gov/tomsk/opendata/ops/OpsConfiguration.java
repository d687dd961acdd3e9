package ru.gov.tomsk.opendata.ops;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.http.HttpClients;
import ru.gov.tomsk.opendata.publish.Outbox;

/** Beans of the operations side that are plain classes (kept free of Spring so they unit-test alone). */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    @Bean
    Deadlines deadlines(OpendataProperties properties, DeadlineProperties deadlineProperties) {
        return new Deadlines(properties.timeZone(), deadlineProperties.warnDays(), deadlineProperties.pushLateAfter());
    }

    @Bean
    FeedMetrics feedMetrics(FeedStatuses statuses, RunLog runLog, CatalogRepository catalog, Outbox outbox,
                            OpendataProperties properties, MeterRegistry registry) {
        return new FeedMetrics(statuses, runLog, catalog, outbox, properties.timeZone(), registry);
    }

    /** Applied before any meter registers: the Prometheus registry fixes a meter's exported name when it is created. */
    @Bean
    MeterRegistryCustomizer<PrometheusMeterRegistry> snakeCaseMetricNames() {
        return registry -> registry.config().namingConvention(new SnakeCaseNames());
    }

    /** Its waits between tries run on a pool of Camel's, made at the first post; Camel shuts it down with itself. */
    @Bean
    Webhook alertWebhook(AlertProperties properties, ObjectMapper json, HttpClients http, CamelContext camel) {
        return new Webhook(properties, json, http,
                () -> camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(Webhook.class, "alert-webhook"));
    }

    @Bean
    FeedAlerts feedAlerts(FeedStatuses statuses, GateRepository gate, Outbox outbox, AlertLedger ledger, Webhook webhook,
                          Clock clock) {
        return new FeedAlerts(statuses, gate, outbox, ledger, webhook, clock);
    }

    /** Named so that the contributor is {@code feeds} (the bean name less "HealthIndicator"). */
    @Bean
    FeedsHealthIndicator feedsHealthIndicator(FeedStatuses statuses) {
        return new FeedsHealthIndicator(statuses);
    }

    @Bean
    OpsRoutes opsRoutes(FeedMetrics metrics, FeedAlerts alerts, MetricsProperties metricsProperties,
                        AlertProperties alertProperties) {
        return new OpsRoutes(metrics, alerts, metricsProperties, alertProperties);
    }
}
