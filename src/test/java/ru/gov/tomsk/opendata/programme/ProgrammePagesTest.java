package ru.gov.tomsk.opendata.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.htmlunit.html.HtmlPage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * "Are we meeting the plan?" from one console page and one public page: every obligation with its figures and its
 * verdict, the plan met only when each one is, and on the public page the open dataset of each obligation and no
 * way into the console.
 */
class ProgrammePagesTest {

    @TempDir
    Path home;
    final HttpClient http = HttpClient.newHttpClient();

    /** An obligation of the test's own, with a figure that is not met, published as the fixture dataset. */
    static final class LateAnswers implements ProgrammePart {
        Verdict late = Verdict.NOT_MET;

        @Override
        public int order() {
            return 20;
        }

        @Override
        public String heading() {
            return "Ответы на запросы";
        }

        @Override
        public String obligation() {
            return "Каждый запрос рассматривается в течение 30 дней.";
        }

        @Override
        public Figures figures() {
            return Figures.of(List.of(ProgrammeFigure.info("Поступило запросов", 3),
                    new ProgrammeFigure("Просрочено ответов", late == Verdict.MET ? "0" : "1", late)));
        }

        @Override
        public String consolePath() {
            return "/admin/requests";
        }

        @Override
        public String publicPath() {
            return "/opendata/requests/";
        }

        @Override
        public String datasetId() {
            return Fixtures.FEED;
        }
    }

    @Test
    void theConsoleAndThePublicPageAnswerWhetherThePlanIsMetAndWhereEachFigureIsPublished() throws Exception {
        Fixtures.installFixtureFeed(home);
        LateAnswers answers = new LateAnswers();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""),
                Map.of("lateAnswers", answers))) {
            assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);

            Document page = publicPage(app);
            assertThat(page.select("#programme-verdict .verdict").text()).isEqualTo("не выполняется");
            assertThat(page.select("section.programme-part h2")).extracting(Element::text)
                    .startsWith("Актуальность наборов данных").contains("Ответы на запросы");
            assertThat(figures(part(page, "Актуальность наборов данных"))).containsEntry("Наборов опубликовано", "1")
                    .containsEntry("Просрочено обновление", "0");
            Element requests = part(page, "Ответы на запросы");
            assertThat(figures(requests)).containsEntry("Просрочено ответов", "1");
            assertThat(requests.select("p .verdict").text()).isEqualTo("не выполняется");
            assertThat(requests.select("a.dataset-link").attr("href")).isEqualTo("/opendata/" + Fixtures.FEED + "/");
            // citizens are never led into the console
            assertThat(page.select("a[href^=/admin]")).isEmpty();
            assertThat(page.select("link[rel=canonical]").attr("href"))
                    .isEqualTo("https://opendata.example.ru/opendata/programme/");

            // the answers catch up; a year later the dataset is overdue, and the plan is not met for that
            answers.late = Verdict.MET;
            assertThat(part(publicPage(app), "Ответы на запросы").select("p .verdict").text()).isEqualTo("выполняется");
            assertThat(part(publicPage(app), "Актуальность наборов данных").select("p .verdict").text())
                    .isEqualTo("выполняется");
            clock.set("2027-03-20T02:00:00Z");
            page = publicPage(app);
            Element freshness = part(page, "Актуальность наборов данных");
            assertThat(figures(freshness)).containsEntry("Просрочено обновление", "1");
            assertThat(freshness.select("p .verdict").text()).isEqualTo("не выполняется");
            assertThat(page.select("#programme-verdict .verdict").text()).isEqualTo("не выполняется");

            try (Console console = new Console(app.port())) {
                console.logIn(TestUsers.VIEWER);
                HtmlPage programme = console.open("/admin/programme");
                assertThat(programme.getWebResponse().getStatusCode()).isEqualTo(200);
                assertThat(Console.text(programme, "programme-verdict")).contains("не выполняется");
                assertThat(programme.getAnchorByText("Подробно").getHrefAttribute()).isEqualTo("/admin/");
                assertThat(programme.getAnchors()).extracting(a -> a.getHrefAttribute())
                        .contains("/admin/requests", "/admin/mandates", "/admin/indicator");
                assertThat(programme.getAnchorByText(Fixtures.FEED).getHrefAttribute())
                        .isEqualTo("/opendata/" + Fixtures.FEED + "/");
            }
        }
    }

    @Test
    void theConsolePageNeedsASignIn() throws Exception {
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), Map.of())) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + app.port() + "/admin/programme")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login");
        }
    }

    private Document publicPage(TestApp app) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.port() + "/opendata/programme/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    private static Element part(Document page, String heading) {
        return page.select("section.programme-part").stream()
                .filter(section -> section.selectFirst("h2").text().equals(heading)).findFirst().orElseThrow();
    }

    private static Map<String, String> figures(Element part) {
        Map<String, String> figures = new java.util.LinkedHashMap<>();
        part.select("table.figures tr").forEach(row -> figures.put(row.selectFirst("th").text(), row.selectFirst("td").text()));
        return figures;
    }
}
