package ru.gov.tomsk.opendata.programme.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import com.fasterxml.jackson.databind.JsonNode;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.FeedMetrics;
import ru.gov.tomsk.opendata.ops.api.AdminClient;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * The published-datasets indicator from a state database with history: datasets first published at clock instants
 * across quarters and years (one a minute before and one at the local midnight that starts a quarter in Asia/Tomsk,
 * while the JVM runs in New York, where both are still the old quarter), one republished later, with the
 * programme's targets; the console page and its CSV over real HTTP, the admin API, the metric and the shipped feed
 * that publishes the indicator as open data.
 */
class IndicatorTest {

    static final String SHIPPED = "7017000420-indicator";

    @TempDir
    Path home;

    TimeZone jvmZone;

    @BeforeEach
    void aJvmZoneOtherThanTheRegions() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    }

    @AfterEach
    void restoreTheZone() {
        TimeZone.setDefault(jvmZone);
    }

    /** A dataset of the section publishing the indicator itself: its first run publishes, whatever it holds. */
    void installHistoryFeed(String identifier) throws Exception {
        String shipped = Files.readString(Path.of("config/feeds", SHIPPED + ".yaml"));
        Files.writeString(TestApp.feeds(home).resolve(identifier + ".yaml"), shipped
                .replace("identifier: " + SHIPPED, "identifier: " + identifier)
                // never fired by Quartz during the test: the test runs it at its clock's instants
                .replace("schedule: \"0 15 4 * * ?\"", "schedule: \"0 0 4 1 1 ? 2099\""));
    }

    static FeedRun publish(TestApp app, MutableClock clock, String instant, String feed) {
        clock.set(Instant.parse(instant));
        FeedRun run = app.run(feed);
        assertThat(run.status()).as(feed + " at " + instant + ": " + run.message()).isEqualTo(RunStatus.PUBLISHED);
        return run;
    }

    @Test
    void perQuarterFromTheCataloguesHistoryWithTargetsInTheConsoleTheApiTheMetricAndAsOpenData() throws Exception {
        for (String feed : List.of("7017069388-hist_a", "7017069388-hist_b", "7017069388-hist_c", "7017107837-hist_d")) {
            installHistoryFeed(feed);
        }
        installHistoryFeed(SHIPPED);
        Map<String, Object> props = new HashMap<>();
        props.put("opendata.programme.targets.2025", "3");
        props.put("opendata.programme.targets.2026", "6");
        props.put("opendata.programme.targets.2027", "10");
        MutableClock clock = new MutableClock(Instant.parse("2025-01-05T03:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, props)) {
            publish(app, clock, "2025-02-10T03:00:00Z", "7017069388-hist_a");
            // 23:59 on 31 March in Tomsk: the first quarter
            publish(app, clock, "2025-03-31T16:59:00Z", "7017069388-hist_b");
            // 00:00 on 1 April in Tomsk (still 31 March in UTC and in New York): the second quarter
            publish(app, clock, "2025-03-31T17:00:00Z", "7017069388-hist_c");
            // a new version of a dataset counted already does not count again
            publish(app, clock, "2025-08-01T03:00:00Z", "7017069388-hist_a");
            publish(app, clock, "2026-01-15T03:00:00Z", "7017107837-hist_d");
            publish(app, clock, "2026-04-20T03:00:00Z", SHIPPED);
            clock.set(Instant.parse("2026-05-01T03:00:00Z"));

            Indicator indicator = app.bean(PublishedIndicator.class).now();
            assertThat(indicator.published()).isEqualTo(5);
            assertThat(indicator.quarters()).containsExactly(
                    new QuarterCount(2025, 1, 2, 2, null, true),
                    new QuarterCount(2025, 2, 1, 3, null, true),
                    new QuarterCount(2025, 3, 0, 3, null, true),
                    new QuarterCount(2025, 4, 0, 3, 3, true),
                    new QuarterCount(2026, 1, 1, 4, null, true),
                    new QuarterCount(2026, 2, 1, 5, null, false));
            assertThat(indicator.targets()).containsExactly(new YearTarget(2025, 3, 3L, true),
                    new YearTarget(2026, 6, 5L, false), new YearTarget(2027, 10, null, false));

            // the console: the page with its chart and table, and the CSV of the quarterly report
            try (Console console = new Console(app.port())) {
                console.logIn(TestUsers.VIEWER);
                HtmlPage page = console.open("/admin/indicator");
                assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
                assertThat(page.getElementById("nav-indicator").asNormalizedText()).isEqualTo("Показатель");
                assertThat(Console.text(page, "published-now")).isEqualTo("5");
                assertThat(Console.text(page, "current-target")).isEqualTo("6 (выполнено 83,3 %)");
                assertThat(Console.texts(page, "#quarters tbody tr")).containsExactly(
                        "I кв. 2025\t2\t2\t—\t—",
                        "II кв. 2025\t1\t3\t—\t—",
                        "III кв. 2025\t0\t3\t—\t—",
                        "IV кв. 2025\t0\t3\t3\t100,0 %",
                        "I кв. 2026\t1\t4\t—\t—",
                        "II кв. 2026 (не завершён)\t1\t5\t—\t—");
                assertThat(Console.texts(page, "#targets tbody tr")).containsExactly(
                        "2025\t3\t3\t100,0 %\tцель достигнута",
                        "2026\t6\t5\t83,3 %\tгод не завершён",
                        "2027\t10\t—\t—\tгод не начался");
                // the chart: a bar per quarter, a point per quarter, the targets of 2025 and 2026 (2027 is off it)
                String svg = page.getWebResponse().getContentAsString();
                assertThat(svg).contains("<svg id=\"indicator-chart\"");
                assertThat(page.querySelectorAll("#indicator-chart rect.quarter")).hasSize(6);
                assertThat(page.querySelectorAll("#indicator-chart circle.published")).hasSize(6);
                assertThat(Console.texts(page, "#indicator-chart circle.target title"))
                        .containsExactly("Цель на конец 2025 года: 3", "Цель на конец 2026 года: 6");
                assertThat(page.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                        .doesNotContain("unsafe-inline");

                WebResponse csv = console.fetch("/admin/indicator.csv");
                assertThat(csv.getStatusCode()).isEqualTo(200);
                assertThat(csv.getContentType()).isEqualTo("text/csv");
                assertThat(csv.getResponseHeaderValue("Content-Disposition")).contains("indicator.csv");
                assertThat(csv.getContentAsStream().readAllBytes()).isEqualTo((
                        "Год,Квартал,Опубликовано за квартал,Опубликовано нарастающим итогом,Цель на конец года,"
                                + "Выполнение цели (%)\r\n"
                                + "2025,1,2,2,,\r\n"
                                + "2025,2,1,3,,\r\n"
                                + "2025,3,0,3,,\r\n"
                                + "2025,4,0,3,3,100.0\r\n"
                                + "2026,1,1,4,,\r\n"
                                + "2026,2,1,5,,\r\n").getBytes(StandardCharsets.UTF_8));
            }

            // the admin API
            AdminClient api = new AdminClient(app.port());
            HttpResponse<String> response = api.get("/api/admin/indicator", TestUsers.VIEWER);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode json = AdminClient.json(response);
            assertThat(json.get("asOf").asText()).isEqualTo("2026-05-01T03:00:00Z");
            assertThat(json.get("zone").asText()).isEqualTo("Asia/Tomsk");
            assertThat(json.get("published").asLong()).isEqualTo(5);
            List<String> quarters = new ArrayList<>();
            json.get("quarters").forEach(q -> quarters.add(q.toString()));
            assertThat(quarters).hasSize(6);
            assertThat(quarters.get(3)).isEqualTo("{\"year\":2025,\"quarter\":4,\"published\":0,\"cumulative\":3,"
                    + "\"target\":3,\"percentOfTarget\":100.0,\"complete\":true}");
            assertThat(quarters.get(5)).isEqualTo("{\"year\":2026,\"quarter\":2,\"published\":1,\"cumulative\":5,"
                    + "\"target\":null,\"percentOfTarget\":null,\"complete\":false}");
            assertThat(json.get("targets").toString()).isEqualTo("["
                    + "{\"year\":2025,\"target\":3,\"reached\":3,\"percent\":100.0,\"over\":true},"
                    + "{\"year\":2026,\"target\":6,\"reached\":5,\"percent\":83.3,\"over\":false},"
                    + "{\"year\":2027,\"target\":10,\"reached\":null,\"percent\":null,\"over\":false}]");

            // the metrics: the count and the targets beside it
            app.bean(FeedMetrics.class).refresh();
            String exposition = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + app.port() + "/actuator/prometheus"))
                    .header("Authorization", TestUsers.basic(TestUsers.VIEWER)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(exposition.lines().filter(l -> l.startsWith("opendata_datasets_published")))
                    .containsExactlyInAnyOrder("opendata_datasets_published 5.0",
                            "opendata_datasets_published_target{year=\"2025\"} 3.0",
                            "opendata_datasets_published_target{year=\"2026\"} 6.0",
                            "opendata_datasets_published_target{year=\"2027\"} 10.0");

            // as open data: the shipped feed publishes the quarters as of its run
            FeedRun second = app.run(SHIPPED);
            assertThat(second.status()).as(second.message()).isEqualTo(RunStatus.PUBLISHED);
            String version = app.bean(CatalogRepository.class).dataVersions(SHIPPED).get(0).version();
            assertThat(version).isEqualTo("20260501T1000");
            assertThat(Files.readString(TestApp.portal(home).resolve(SHIPPED)
                    .resolve("data-20260501T1000-structure-20260420T1000.csv"))).isEqualTo(
                    "year,quarter,published,cumulative,target\r\n"
                            + "2025,1,2,2,\r\n"
                            + "2025,2,1,3,\r\n"
                            + "2025,3,0,3,\r\n"
                            + "2025,4,0,3,3\r\n"
                            + "2026,1,1,4,\r\n"
                            + "2026,2,1,5,\r\n");
        }
    }
}
