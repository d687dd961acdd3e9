package ru.gov.tomsk.opendata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.ops.Monitoring.get;
import static ru.gov.tomsk.opendata.ops.Monitoring.value;
import static ru.gov.tomsk.opendata.ops.Monitoring.viewer;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * Three feeds through the real application — one current, one overdue, one failing — and what the status read
 * model, /actuator/prometheus and /actuator/health say about them.
 */
class FeedMonitoringEndToEndTest {

    static final String CURRENT = Fixtures.FEED;                 // quarterly, published on 20 March
    static final String LATE = "7017069388-monthly";             // monthly, published on 20 March, due 25 April
    static final String FAILING = "7017069388-failing";          // quarterly, its view does not exist
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void statusesMetricsAndHealthShowTheCurrentTheOverdueAndTheFailingFeed() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.installFixtureFeed(home);
        Monitoring.installFeed(home, LATE, "monthly",
                "SELECT id, name, note, amount, opened, updated, active FROM fixture.v_organisations ORDER BY id");
        Monitoring.installFeed(home, FAILING, "quarterly", "SELECT id, name FROM fixture.v_missing ORDER BY id");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Map<String, Object> properties = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        // refreshed by the test, not by the timer, so that values are read at known moments
        properties.put("opendata.metrics.refresh-interval", "1h");
        properties.put("opendata.alerts.check-interval", "1h");
        try (TestApp app = TestApp.start(home, clock, properties)) {
            assertThat(app.run(CURRENT).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(app.run(LATE).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(app.run(FAILING).status()).isEqualTo(RunStatus.FAILED);

            // 18:00 UTC on 25 April is already 26 April in Tomsk: the monthly feed (due 25 April) is overdue
            clock.set("2026-04-25T18:00:00Z");

            FeedStatuses statuses = app.bean(FeedStatuses.class);
            assertThat(statuses.all()).extracting(FeedStatus::identifier).containsExactly(FAILING, CURRENT, LATE);

            FeedStatus current = statuses.of(CURRENT).orElseThrow();
            assertThat(current.condition()).isEqualTo(FeedCondition.OK);
            assertThat(current.deadline()).isEqualTo("2026-06-25");
            assertThat(current.daysToDeadline()).isEqualTo(60);
            assertThat(current.atRisk()).isFalse();
            assertThat(current.overdue()).isFalse();
            assertThat(current.lastSuccessAt()).isEqualTo("2026-03-20T02:00:00Z");
            assertThat(current.newestVersionAt()).isEqualTo("2026-03-20T02:00:00Z");
            assertThat(current.newestVersion()).isNotNull();
            assertThat(current.nextFireAt()).as("the Quartz trigger of its schedule").isNotNull();
            assertThat(current.frequency()).isEqualTo("quarterly");
            // the deadline is the passport's `valid`, as published
            assertThat(Fixtures.lines(TestApp.portal(home).resolve(CURRENT).resolve("meta.csv"))).contains("valid,20260625");

            FeedStatus late = statuses.of(LATE).orElseThrow();
            assertThat(late.condition()).isEqualTo(FeedCondition.OVERDUE);
            assertThat(late.reason()).isEqualTo("overdue: the update was due by 2026-04-25");
            assertThat(late.deadline()).isEqualTo("2026-04-25");
            assertThat(late.daysToDeadline()).isEqualTo(-1);
            assertThat(late.overdue()).isTrue();
            assertThat(Fixtures.lines(TestApp.portal(home).resolve(LATE).resolve("meta.csv"))).contains("valid,20260425");

            FeedStatus failing = statuses.of(FAILING).orElseThrow();
            assertThat(failing.condition()).isEqualTo(FeedCondition.FAILING);
            assertThat(failing.reason()).startsWith("last run failed: ").containsIgnoringCase("v_missing");
            assertThat(failing.lastSuccessAt()).isNull();
            assertThat(failing.newestVersion()).isNull();
            // never published: due by the current quarter's deadline
            assertThat(failing.deadline()).isEqualTo(LocalDate.parse("2026-06-25"));

            // metrics
            app.bean(FeedMetrics.class).refresh();
            HttpResponse<String> scrape = get(app, "/actuator/prometheus", viewer());
            assertThat(scrape.statusCode()).isEqualTo(200);
            String metrics = scrape.body();

            assertThat(value(metrics, feed("opendata_feed_rows_read", CURRENT))).isEqualTo(4.0);
            assertThat(value(metrics, feed("opendata_feed_rows_published", CURRENT))).isEqualTo(4.0);
            assertThat(value(metrics, feed("opendata_feed_rows_rejected", CURRENT))).isEqualTo(0.0);
            assertThat(value(metrics, feed("opendata_feed_rows_read", FAILING))).isEqualTo(0.0);
            assertThat(value(metrics, "opendata_feed_last_run_status{feed=\"" + CURRENT + "\",status=\"PUBLISHED\"}")).isEqualTo(1.0);
            assertThat(value(metrics, "opendata_feed_last_run_status{feed=\"" + FAILING + "\",status=\"FAILED\"}")).isEqualTo(1.0);
            assertThat(value(metrics, "opendata_feed_last_run_status{feed=\"" + FAILING + "\",status=\"PUBLISHED\"}")).isNull();
            assertThat(value(metrics, "opendata_feed_condition{condition=\"OVERDUE\",feed=\"" + LATE + "\"}")).isEqualTo(1.0);
            assertThat(value(metrics, "opendata_feed_condition{condition=\"FAILING\",feed=\"" + FAILING + "\"}")).isEqualTo(1.0);
            assertThat(value(metrics, "opendata_feed_condition{condition=\"OK\",feed=\"" + CURRENT + "\"}")).isEqualTo(1.0);
            double published = Instant.parse("2026-03-20T02:00:00Z").getEpochSecond();
            assertThat(value(metrics, feed("opendata_feed_last_success_timestamp_seconds", CURRENT))).isEqualTo(published);
            assertThat(value(metrics, feed("opendata_feed_newest_version_timestamp_seconds", CURRENT))).isEqualTo(published);
            assertThat(value(metrics, feed("opendata_feed_last_success_timestamp_seconds", FAILING))).isNull();
            // the end of the deadline day in Tomsk (UTC+7): overdue from then on
            double endOf25June = Instant.parse("2026-06-25T17:00:00Z").getEpochSecond();
            assertThat(value(metrics, feed("opendata_feed_deadline_timestamp_seconds", CURRENT))).isEqualTo(endOf25June);
            assertThat(value(metrics, feed("opendata_feed_deadline_timestamp_seconds", LATE)))
                    .isEqualTo((double) Instant.parse("2026-04-25T17:00:00Z").getEpochSecond());
            assertThat(value(metrics, feed("opendata_feed_deadline_timestamp_seconds", FAILING))).isEqualTo(endOf25June);
            assertThat(value(metrics, feed("opendata_feed_overdue", LATE))).isEqualTo(1.0);
            assertThat(value(metrics, feed("opendata_feed_overdue", CURRENT))).isEqualTo(0.0);
            assertThat(value(metrics, feed("opendata_feed_overdue", FAILING))).isEqualTo(0.0);
            assertThat(value(metrics, "opendata_datasets_published")).isEqualTo(2.0);
            assertThat(value(metrics, "opendata_versions_total")).isEqualTo(2.0);
            assertThat(value(metrics, "opendata_held_versions")).isEqualTo(0.0);
            assertThat(value(metrics, "opendata_outbox_depth")).isEqualTo(0.0);
            assertThat(value(metrics, "opendata_deliveries_failed")).isEqualTo(0.0);
            // Camel's own route metrics, per route
            assertThat(metrics.lines().filter(l -> l.startsWith("camel_exchanges_total{")))
                    .anySatisfy(l -> assertThat(l).contains("route_id=\"feed-" + CURRENT + "\""));
            assertThat(metrics.lines().filter(l -> l.startsWith("camel_exchanges_failed_total{")))
                    .isNotEmpty();

            // every metric the Grafana dashboards query exists in the real output
            Dashboards.assertQueriesUseExistingMetrics(metrics);

            // health: the feeds group names the overdue and the failing feed with their reasons
            HttpResponse<String> feedsHealth = get(app, "/actuator/health/feeds", viewer());
            assertThat(feedsHealth.statusCode()).isEqualTo(503);
            JsonNode group = JSON.readTree(feedsHealth.body());
            assertThat(group.path("status").asText()).isEqualTo("DEGRADED");
            JsonNode problems = group.path("components").path("feeds").path("details").path("problems");
            assertThat(problems.path(LATE).path("condition").asText()).isEqualTo("OVERDUE");
            assertThat(problems.path(LATE).path("reason").asText()).isEqualTo("overdue: the update was due by 2026-04-25");
            assertThat(problems.path(FAILING).path("condition").asText()).isEqualTo("FAILING");
            assertThat(problems.path(FAILING).path("reason").asText()).startsWith("last run failed: ");
            assertThat(problems.has(CURRENT)).isFalse();
            JsonNode camel = group.path("components").path("camelHealth").path("details");
            assertThat(camel.path("route:feed-" + CURRENT).asText()).as("Camel's route checks").isEqualTo("UP");
            assertThat(camel.path("consumer:feed-" + CURRENT).asText()).as("Camel's consumer checks").isEqualTo("UP");

            // the service itself is fine: liveness and readiness stay UP (public), the overall health answers 200
            HttpResponse<String> liveness = get(app, "/actuator/health/liveness", null);
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(liveness.body()).path("status").asText()).isEqualTo("UP");
            HttpResponse<String> readiness = get(app, "/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(readiness.body()).path("status").asText()).isEqualTo("UP");
            HttpResponse<String> overall = get(app, "/actuator/health", viewer());
            assertThat(overall.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(overall.body()).path("status").asText()).isEqualTo("DEGRADED");

            // a feed removed at runtime loses its series and its status
            Files.delete(TestApp.feeds(home).resolve(LATE + ".yaml"));
            app.bean(FeedRegistry.class).load();
            app.bean(FeedMetrics.class).refresh();
            String after = get(app, "/actuator/prometheus", viewer()).body();
            assertThat(after).doesNotContain("feed=\"" + LATE + "\"");
            assertThat(value(after, feed("opendata_feed_overdue", CURRENT))).isEqualTo(0.0);
            assertThat(statuses.all()).extracting(FeedStatus::identifier).containsExactly(FAILING, CURRENT);
        }
    }

    private static String feed(String metric, String feedId) {
        return metric + "{feed=\"" + feedId + "\"}";
    }
}
