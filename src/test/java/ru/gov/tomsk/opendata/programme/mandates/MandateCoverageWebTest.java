package ru.gov.tomsk.opendata.programme.mandates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
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

import com.fasterxml.jackson.databind.JsonNode;

import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.ops.api.AdminClient;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.programme.departments.DepartmentFinding;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.Golden;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * Coverage over the test resources' demo catalogue (lists 1187-р and 232-р), through the real application: item 1187-р/1
 * covered by a current feed, 1187-р/2 by a daily feed left past its {@code valid} date, 1187-р/3 declared by nobody,
 * 1187-р/4 by a weekly feed whose deadline is near,
 * 232-р/1 a coordinate item whose feed has no {@code geo}, 232-р/2 one whose feed publishes coordinates. The same
 * states must show in the admin API, the console, the public page, the metrics, the department's report and the
 * published dataset; a feed naming an unknown item is refused at its line, and a broken catalogue file is shown.
 */
class MandateCoverageWebTest {

    static final String FIXTURE = Fixtures.FEED;
    static final String DAILY = "7017069388-daily";
    static final String WEEKLY = "7017069388-weekly";
    static final String PLACES = "7017069388-places";
    static final String TYPO = "7017069388-typo";
    static final String SECTION = "7017000420-mandates";

    @TempDir
    static Path home;
    static TestApp app;
    static AdminClient api;

    @BeforeAll
    static void start() throws IOException {
        Path mandates = Files.createDirectories(home.resolve("mandates"));
        Files.copy(MandateCatalogueTest.DEMO.resolve("1187.yaml"), mandates.resolve("1187.yaml"));
        Files.copy(MandateCatalogueTest.DEMO.resolve("232.yaml"), mandates.resolve("232.yaml"));
        Files.writeString(mandates.resolve("broken.yaml"), "id: 999-р\ntitle: Перечень\nact: { name: Акт }\n"
                + "items: нет\n");
        String fixture = new String(MandateCoverageWebTest.class.getResourceAsStream("/e2e/" + FIXTURE + ".yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
        Path feeds = TestApp.feeds(home);
        Files.writeString(feeds.resolve(FIXTURE + ".yaml"), fixture + "mandates: [1187-р/1, 232-р/1]\n");
        Files.writeString(feeds.resolve(DAILY + ".yaml"), fixture.replace(FIXTURE, DAILY)
                .replace("frequency: quarterly", "frequency: daily") + "mandates: [1187-р/2]\n");
        Files.writeString(feeds.resolve(WEEKLY + ".yaml"), fixture.replace(FIXTURE, WEEKLY)
                .replace("frequency: quarterly", "frequency: weekly") + "mandates: [1187-р/4]\n");
        Files.writeString(feeds.resolve(TYPO + ".yaml"), fixture.replace(FIXTURE, TYPO) + "mandates: [1187-р/9]\n");
        Fixtures.installFeed(home, PLACES + ".yaml", PLACES + ".yaml");
        Files.writeString(feeds.resolve(PLACES + ".yaml"), "mandates: [232-р/2]\n",
                java.nio.file.StandardOpenOption.APPEND);
        // the shipped feed file, kept in the local section (the test configures no portals)
        Files.writeString(feeds.resolve(SECTION + ".yaml"), Files.readString(Path.of("config/feeds/" + SECTION + ".yaml"))
                .replaceAll("(?m)^publish:.*\\n", "").replace("runAtStartup: true\n", ""));

        String source = Fixtures.h2Source();
        Fixtures.runScript(source, "e2e/places.sql");
        Map<String, Object> properties = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        properties.put("opendata.programme.mandates-dir", mandates.toString());
        properties.put("opendata.metrics.refresh-interval", "1h");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        app = TestApp.start(home, clock, properties);
        for (String feed : List.of(FIXTURE, DAILY, WEEKLY, PLACES)) {
            assertThat(app.run(feed).status()).as(feed).isEqualTo(RunStatus.PUBLISHED);
        }
        // 23 March in Tomsk: the daily feed's valid date (21 March) has passed, the weekly one's (29 March) is within its
        // warning days (14, capped at 6 for a weekly feed), the quarterly ones run to 25 June
        clock.set(Instant.parse("2026-03-23T02:00:00Z"));
        api = new AdminClient(app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theApiGivesEachItemsStateFeedsAndCoordinates() {
        HttpResponse<String> response = api.get("/api/admin/mandates", TestUsers.VIEWER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = AdminClient.json(response);
        assertThat(json.path("demo").asBoolean()).isTrue();
        assertThat(json.path("counts").toString()).isEqualTo("{\"CURRENT\":3,\"AT_RISK\":1,\"OVERDUE\":1,\"NOT_COVERED\":1}");
        List<String> items = new ArrayList<>();
        for (JsonNode list : json.path("lists")) {
            for (JsonNode item : list.path("items")) {
                List<String> feeds = new ArrayList<>();
                item.path("feeds").forEach(f -> feeds.add(f.path("identifier").asText() + ":" + f.path("state").asText()));
                items.add(item.path("mandate").asText() + " " + item.path("state").asText() + " " + feeds
                        + " coordinates=" + item.path("coordinatesPublished"));
            }
        }
        assertThat(items).containsExactly(
                "1187-р/1 CURRENT [7017069388-fixture:CURRENT] coordinates=null",
                "1187-р/2 OVERDUE [7017069388-daily:OVERDUE] coordinates=null",
                "1187-р/3 NOT_COVERED [] coordinates=null",
                "1187-р/4 AT_RISK [7017069388-weekly:AT_RISK] coordinates=null",
                "232-р/1 CURRENT [7017069388-fixture:CURRENT] coordinates=false",
                "232-р/2 CURRENT [7017069388-places:CURRENT] coordinates=true");
        assertThat(json.path("lists").get(1).path("items").get(0).path("feeds").get(0).path("geo").asBoolean()).isFalse();
        assertThat(json.path("lists").get(0).path("items").get(1).path("stateText").asText()).isEqualTo("просрочен");
        assertThat(json.path("broken").get(0).path("file").asText()).isEqualTo("broken.yaml");
        assertThat(json.path("broken").get(0).path("problems").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(api.get("/api/admin/mandates", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aFeedNamingAnUnknownItemIsRefusedAtItsLine() {
        FeedRegistry registry = app.bean(FeedRegistry.class);
        assertThat(registry.feed(TYPO)).isEmpty();
        assertThat(registry.broken().get(TYPO).getMessage())
                .isEqualTo(home.resolve("feeds").resolve(TYPO + ".yaml") + ":24:12: mandates[0]: list '1187-р' has no item 9; "
                        + "items: 1–4");
    }

    @Test
    void theConsoleShowsStatesFeedLinksCoordinatesAndTheBrokenFile() throws IOException {
        try (Console console = new Console(app.port())) {
            HtmlPage overview = console.logIn(TestUsers.VIEWER);
            HtmlPage page = ((HtmlAnchor) overview.getElementById("nav-mandates")).click();
            assertThat(page.getUrl().getPath()).isEqualTo("/admin/mandates");
            assertThat(page.getWebResponse().getStatusCode()).as(page.asNormalizedText()).isEqualTo(200);
            assertThat(page.getElementById("demo-mark").asNormalizedText())
                    .contains("Демонстрационный перечень, формулировки не официальные.");
            assertThat(page.getElementById("total-current").asNormalizedText()).isEqualTo("3");
            assertThat(page.getElementById("total-overdue").asNormalizedText()).isEqualTo("1");
            assertThat(page.getElementById("total-not_covered").asNormalizedText()).isEqualTo("1");
            assertThat(page.getElementById("total-at_risk").asNormalizedText()).isEqualTo("1");
            assertThat(rows(page)).containsExactly(
                    "1187-р/1 | актуален | 7017069388-fixture — актуален, срок 25.06.2026 | не требуются",
                    "1187-р/2 | просрочен | 7017069388-daily — просрочен, срок 21.03.2026 | не требуются",
                    "1187-р/3 | не опубликован | нет | не требуются",
                    "1187-р/4 | под угрозой срыва срока | 7017069388-weekly — под угрозой срыва срока, срок 29.03.2026 | не требуются",
                    "232-р/1 | актуален | 7017069388-fixture — актуален, срок 25.06.2026 | координаты: нет",
                    "232-р/2 | актуален | 7017069388-places — актуален, срок 25.06.2026 | координаты: есть");
            HtmlPage feed = ((HtmlAnchor) page.getFirstByXPath("//tr[@data-item='1187-р/2']//a")).click();
            assertThat(feed.getUrl().getPath()).isEqualTo("/admin/feeds/" + DAILY);
            assertThat(feed.getWebResponse().getStatusCode()).isEqualTo(200);
            DomElement broken = page.getElementById("broken");
            assertThat(broken.asNormalizedText()).contains(home.resolve("mandates").resolve("broken.yaml") + ":4:8: items: ");
        }
    }

    private static List<String> rows(HtmlPage page) {
        List<String> rows = new ArrayList<>();
        for (DomElement row : page.<DomElement>getByXPath("//tr[@data-item]")) {
            var cells = row.getElementsByTagName("td");
            rows.add(row.getAttribute("data-item") + " | " + cells.get(3).asNormalizedText() + " | "
                    + cells.get(4).asNormalizedText().replaceAll("\\s+", " ") + " | " + cells.get(5).asNormalizedText());
        }
        return rows;
    }

    @Test
    void thePublicPageShowsTheSameWithPassportLinksAndTheDemoMark() throws Exception {
        HttpResponse<String> response = get("/opendata/mandates/", null);
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.title()).startsWith("Обязательные перечни");
        assertThat(page.getElementById("demo-mark").text()).contains("Демонстрационный перечень, формулировки не официальные.");
        assertThat(page.select("section.mandate-list .demo")).hasSize(2);
        List<String> rows = new ArrayList<>();
        for (Element row : page.select("tr[data-item]")) {
            rows.add(row.attr("data-item") + " | " + row.selectFirst(".item-state").text() + " | "
                    + String.join(", ", row.select(".feeds a").eachAttr("href")) + " | " + row.selectFirst(".coordinates").text());
        }
        assertThat(rows).containsExactly(
                "1187-р/1 | актуален | /opendata/7017069388-fixture/ | не требуются",
                "1187-р/2 | просрочен | /opendata/7017069388-daily/ | не требуются",
                "1187-р/3 | не опубликован |  | не требуются",
                "1187-р/4 | под угрозой срыва срока | /opendata/7017069388-weekly/ | не требуются",
                "232-р/1 | актуален | /opendata/7017069388-fixture/ | координаты: нет",
                "232-р/2 | актуален | /opendata/7017069388-places/ | координаты: есть");
        // the public page says nothing of the catalogue's files
        assertThat(response.body()).doesNotContain("broken.yaml").doesNotContain(home.toString());
        assertThat(page.getElementById("total-overdue").text()).isEqualTo("1");
    }

    static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theMetricsCountItemsPerListAndState() throws Exception {
        app.bean(MandateMetrics.class).refresh();
        String exposition = get("/actuator/prometheus", TestUsers.basic(TestUsers.VIEWER)).body();
        List<String> lines = exposition.lines().filter(l -> l.startsWith("opendata_mandate_items{")).sorted().toList();
        assertThat(lines).containsExactly(
                "opendata_mandate_items{list=\"1187-р\",state=\"at_risk\"} 1.0",
                "opendata_mandate_items{list=\"1187-р\",state=\"current\"} 1.0",
                "opendata_mandate_items{list=\"1187-р\",state=\"not_covered\"} 1.0",
                "opendata_mandate_items{list=\"1187-р\",state=\"overdue\"} 1.0",
                "opendata_mandate_items{list=\"232-р\",state=\"at_risk\"} 0.0",
                "opendata_mandate_items{list=\"232-р\",state=\"current\"} 2.0",
                "opendata_mandate_items{list=\"232-р\",state=\"not_covered\"} 0.0",
                "opendata_mandate_items{list=\"232-р\",state=\"overdue\"} 0.0");
    }

    @Test
    void theDepartmentIsToldWhatItOwesAndNotOthersItems() {
        MandateFindings findings = app.bean(MandateFindings.class);
        assertThat(findings.of("7017069388")).extracting(DepartmentFinding::subject, DepartmentFinding::text)
                .containsExactly(
                        tuple("1187-р/2", "Набор «Ежедневная сводка» (1187-р/2, "
                                + "демонстрационный перечень) просрочен: обновите данные."),
                        tuple("1187-р/3", "Набор «Сведения о проверках» (1187-р/3, "
                                + "демонстрационный перечень) не опубликован: опубликуйте его и укажите в файле описания "
                                + "набора mandates: [1187-р/3]."),
                        tuple("1187-р/4", "Срок обновления набора «Еженедельная сводка» (1187-р/4, демонстрационный "
                                + "перечень) подходит, а данные не обновлены."),
                        tuple("232-р/1", "Набор «Организации с адресами» (232-р/1, "
                                + "демонстрационный перечень) должен содержать координаты, а опубликован без них: "
                                + "добавьте в файл описания geo: { latitude: …, longitude: … } и поля широты и долготы."));
        assertThat(findings.of("7017000420")).isEmpty();
    }

    @Test
    void theCoverageIsPublishedAsTheSectionsDataset() {
        assertThat(app.run(SECTION).status()).isEqualTo(RunStatus.PUBLISHED);
        Golden.assertMatches(TestApp.portal(home).resolve(SECTION).resolve("data-20260323T0900-structure-20260323T0900.csv"),
                "mandates/mandate-coverage.csv");
    }
}
