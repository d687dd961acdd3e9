package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The departments' guide at {@code /opendata/guide/}, over real HTTP with no credentials: rendered from
 * {@code docs/guide.ru.md}, with a table of contents whose every entry leads to its heading, linked from every
 * page of the section, and with the Markdown's raw HTML shown as text, never passed through.
 */
class GuidePageWebTest {

    @TempDir
    static Path home;
    static TestApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theGuideIsPublicWithItsHeadingsAndAContentsThatLeadsToThem() throws Exception {
        HttpResponse<String> response = get("/opendata/guide/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        Document page = Jsoup.parse(response.body(), "http://localhost/opendata/guide/");

        assertThat(page.select("h1")).extracting(Element::text).containsExactly("Как опубликовать набор открытых данных");
        // the introduction stands above the contents, and only there
        assertThat(page.select("main > .lead + nav.toc")).hasSize(1);
        assertThat(page.select(".lead p").first().text()).startsWith("Руководство для сотрудников органов власти");
        assertThat(page.select("article").text()).doesNotContain("Руководство для сотрудников органов власти");
        assertThat(page.title()).startsWith("Как опубликовать набор открытых данных");
        assertThat(page.select("article h2")).extracting(Element::text)
                .contains("Шаблон файла описания", "Все свойства и допустимые значения",
                        "Как попросить ИТ подключить источник", "Выгрузка файлом: Excel и CSV",
                        "Проверка набора в браузере до публикации", "Как читать сообщения об ошибках", "Сроки",
                        "К кому обращаться");
        assertThat(page.select("article h3")).extracting(Element::text)
                .contains("Периодичность (frequency)", "Карантин: отклонённые записи", "Задержанные версии");

        // every heading of the article is in the contents, and every entry names a heading of the page
        var entries = page.select("nav.toc a[href^=#]");
        assertThat(entries).hasSize(page.select("article h2, article h3").size());
        for (Element entry : entries) {
            Element target = page.getElementById(entry.attr("href").substring(1));
            assertThat(target).as(entry.attr("href")).isNotNull();
            assertThat(target.text()).isEqualTo(entry.text());
        }
        // ids are unique, so a shared link lands on one place
        assertThat(page.select("[id]").eachAttr("id")).doesNotHaveDuplicates();

        // its own style sheet (wide code and tables scroll by themselves at 390 px) is this site's, as the CSP wants
        String css = page.select("main link[rel=stylesheet]").attr("href");
        assertThat(css).isEqualTo("/opendata/assets/guide.css");
        HttpResponse<String> sheet = get(css);
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.body()).contains(".guide pre", "overflow-x: auto");

        // a table and the template's code come through as such
        assertThat(page.select("article table")).isNotEmpty();
        assertThat(page.select("article pre > code.language-yaml").first().text()).contains("identifier: 7017069388-kindergartens");
    }

    @Test
    void angleBracketsOfTheMarkdownAreTextAndTheGuideHasNoScript() throws Exception {
        Document page = Jsoup.parse(get("/opendata/guide/").body());
        // the request template's placeholders look like tags; they must reach the reader as written
        assertThat(page.select("article blockquote").text()).contains("«<название набора>»");
        assertThat(page.select("script, iframe, object, embed")).isEmpty();
    }

    @Test
    void withoutTheSlashItRedirectsAndTheSectionLinksToIt() throws Exception {
        HttpResponse<String> response = get("/opendata/guide");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(URI.create(response.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/opendata/guide/");

        Document section = Jsoup.parse(get("/opendata/").body());
        assertThat(section.select("footer a.guide-link").attr("href")).isEqualTo("/opendata/guide/");
    }

    @Test
    void rawHtmlAndScriptLinksInTheMarkdownAreNeverPassedThrough() {
        GuidePage page = Guide.render("""
                # Заголовок

                Вступление <i>курсивом</i>.

                ## Раздел <b>один</b>

                <script>alert(1)</script>

                Текст <img src=x onerror=alert(1)> и [ссылка](javascript:alert(1)).

                ## Раздел <b>один</b>
                """);
        assertThat(page.title()).isEqualTo("Заголовок");
        assertThat(page.lead()).isEqualTo("<p>Вступление &lt;i&gt;курсивом&lt;/i&gt;.</p>\n");
        assertThat(page.html()).doesNotContain("<script", "<img", "<b>", "javascript:")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;");
        Document html = Jsoup.parseBodyFragment(page.html());
        assertThat(html.select("script, img, b")).isEmpty();
        // the title is the page's h1, not repeated in the article; equal headings get distinct anchors
        assertThat(html.select("h1")).isEmpty();
        assertThat(page.contents()).extracting(GuidePage.Entry::id).doesNotHaveDuplicates().hasSize(2);
        assertThat(html.select("h2")).extracting(h -> h.id()).containsExactlyElementsOf(
                page.contents().stream().map(GuidePage.Entry::id).toList());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
