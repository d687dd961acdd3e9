package ru.gov.tomsk.opendata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.ops.Monitoring.get;
import static ru.gov.tomsk.opendata.ops.Monitoring.viewer;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * promtool's rules on the real {@code /actuator/prometheus} of a service that has published, logged people in and
 * answered requests: the service's own families pass every rule, nothing anywhere is camelCase, and what the
 * libraries still get wrong is exactly what docs/operating.md admits to.
 */
class MetricNamesTest {

    /** The service's own families. A name changed here breaks dashboards and alerts: say so in docs/operating.md. */
    static final List<String> OWN = List.of(
            "opendata_data_requests",
            "opendata_datasets_published",
            "opendata_datasets_published_target",
            "opendata_deliveries_failed",
            "opendata_feed_at_risk",
            "opendata_feed_condition",
            "opendata_feed_deadline_timestamp_seconds",
            "opendata_feed_last_run_status",
            "opendata_feed_last_success_timestamp_seconds",
            "opendata_feed_newest_version_timestamp_seconds",
            "opendata_feed_overdue",
            "opendata_feed_rows_published",
            "opendata_feed_rows_read",
            "opendata_feed_rows_rejected",
            "opendata_held_versions",
            "opendata_mandate_items",
            "opendata_outbox_depth",
            "opendata_versions_total");

    /**
     * Families of libraries that still break a rule, and why no setting fixes them (docs/operating.md, "Metrics"):
     * Micrometer's JVM and process binders name units {@code ms}/{@code ns} and a gauge {@code system_cpu_count};
     * observation timers (HTTP server, Spring Security), Tomcat's session meters and a few Camel meters carry no
     * description.
     */
    static final List<String> THIRD_PARTY_LEFT = List.of("app_info", "camel_", "http_server_requests_",
            "spring_security_authentications_", "spring_security_authorizations_", "spring_security_http_secured_requests_",
            "tomcat_sessions_", "jvm_compilation_time_ms_total", "process_cpu_time_ns_total", "system_cpu_count");

    @TempDir
    static Path home;
    static TestApp app;
    static String exposition;

    @BeforeAll
    static void scrape() throws Exception {
        Fixtures.installFixtureFeed(home);
        Map<String, Object> properties = new HashMap<>(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        properties.put("opendata.metrics.refresh-interval", "1h");
        // a programme target, so that its family is there
        properties.put("opendata.programme.targets.2026", "40");
        app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), properties);
        assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);
        // traffic through every security filter chain, so that their meters exist
        get(app, "/opendata/list.csv", null);
        get(app, "/api/admin/feeds", viewer());
        get(app, "/api/admin/feeds", "Basic eDp5");
        get(app, "/admin/", null);
        app.bean(FeedMetrics.class).refresh();
        // the demo catalogue of config/mandates (the default mandates-dir) gives the coverage gauges their series
        app.bean(ru.gov.tomsk.opendata.programme.mandates.MandateMetrics.class).refresh();
        HttpResponse<String> response = get(app, "/actuator/prometheus", viewer());
        assertThat(response.statusCode()).isEqualTo(200);
        exposition = response.body();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theServicesOwnFamiliesPassEveryRule() {
        List<PromLint.Family> own = PromLint.parse(exposition).stream().filter(f -> f.name().startsWith("opendata_")).toList();
        assertThat(own).extracting(PromLint.Family::name).containsExactlyInAnyOrderElementsOf(OWN);
        for (PromLint.Family family : own) {
            assertThat(PromLint.problems(family)).as(family.name()).isEmpty();
            assertThat(family.help()).as(family.name()).isNotBlank();
            assertThat(family.name()).matches(PromLint.SNAKE_CASE);
            assertThat(family.labels()).as(family.name()).allMatch(l -> PromLint.SNAKE_CASE.matcher(l).matches());
            // counters and only counters end in _total
            assertThat(family.name().endsWith("_total")).as(family.name()).isEqualTo(family.type().equals("counter"));
        }
    }

    @Test
    void nothingIsCamelCaseAnyMore() {
        for (PromLint.Family family : PromLint.parse(exposition)) {
            assertThat(family.name()).matches(PromLint.SNAKE_CASE);
            assertThat(family.labels()).as(family.name()).allMatch(l -> PromLint.SNAKE_CASE.matcher(l).matches());
        }
        // Camel's tag keys arrive snake_case, and Spring Security's per-filter counters are off
        assertThat(exposition).contains("camel_exchanges_total{camel_context=").doesNotContain("routeId=")
                .doesNotContain("spring_security_filterchains_").doesNotContain("LoginThrottleFilter");
    }

    @Test
    void whatLibrariesStillGetWrongIsWhatTheReadmeAdmits() {
        Set<String> problems = PromLint.problems(exposition);
        assertThat(problems).isNotEmpty().allSatisfy(problem ->
                assertThat(THIRD_PARTY_LEFT).as(problem).anyMatch(problem::startsWith));
    }

    @Test
    void promtoolItselfAgreesWhereItIsInstalled() throws Exception {
        Optional<Path> promtool = Promtool.find();
        Assumptions.assumeTrue(promtool.isPresent(), "promtool is not on the PATH");
        Set<String> said = Promtool.checkMetrics(promtool.get(), exposition);
        assertThat(said).noneMatch(problem -> problem.startsWith("opendata_"));
        // the checker above is at least as strict as the promtool at hand
        assertThat(PromLint.problems(exposition)).containsAll(said);
    }
}
