package ru.gov.tomsk.opendata.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * "Are we meeting the plan?" on the shipped configuration: the public page shows every obligation of the plan, and
 * each one whose figures the section publishes about itself links to a dataset that is really there, so that every
 * figure on the page is also open data.
 */
class ProgrammeDemoTest {

    static final List<String> SECTION_FEEDS = List.of("7017000420-requests", "7017000420-mandates",
            "7017000420-indicator");

    @TempDir
    Path home;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyObligationOnThePublicPageLinksToAPublishedDataset() throws Exception {
        try (TestApp app = TestApp.startDemo(home, new MutableClock(Instant.parse("2026-11-26T10:00:00Z")))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !app.runs("7017069388-schools").isEmpty()
                    && app.runs("7017069388-schools").get(0).status() != RunStatus.RUNNING);
            for (String feed : SECTION_FEEDS) {
                FeedRun run = app.run(feed);
                assertThat(run.status()).as("%s: %s", feed, run.message()).isEqualTo(RunStatus.PUBLISHED);
            }

            Document page = get(app, "/opendata/programme/");
            assertThat(page.select("section.programme-part h2")).extracting(Element::text).containsExactly(
                    "Актуальность наборов данных", "Запросы на публикацию новых наборов",
                    "Обязательные перечни наборов", "Количество опубликованных наборов");
            List<String> datasets = page.select("a.dataset-link").eachAttr("href");
            assertThat(datasets).containsExactly("/opendata/7017000420-requests/", "/opendata/7017000420-mandates/",
                    "/opendata/7017000420-indicator/");
            for (String dataset : datasets) {
                assertThat(status(app, dataset)).as(dataset).isEqualTo(200);
                assertThat(status(app, dataset + "meta.csv")).as(dataset).isEqualTo(200);
            }
            // the plan is met only if every obligation is: the page's verdict is the worst of the parts'
            List<String> worstFirst = List.of("не выполняется", "под угрозой", "нет данных", "выполняется");
            String worst = page.select("section.programme-part > p > .verdict").eachText().stream()
                    .min(java.util.Comparator.comparingInt(worstFirst::indexOf)).orElseThrow();
            assertThat(page.select("#programme-verdict .verdict").text()).isEqualTo(worst);
            // the demo's coordinate items of 232-р whose feeds publish no coordinates (medorgs has no geo, the rest unpublished)
            assertThat(page.select("section.programme-part").get(2).select("table.figures tr").eachText())
                    .contains("Без обязательных координат 4");
            assertThat(page.select("section.programme-part").get(1).select("table.figures th").eachText())
                    .contains("Поступило запросов", "Срок ответа пропущен");
        }
    }

    private Document get(TestApp app, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    private int status(TestApp app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
