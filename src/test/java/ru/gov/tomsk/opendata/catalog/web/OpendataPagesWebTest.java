package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.RawHttp;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.Golden;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.StructureValidators;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The human pages of the open-data section over real HTTP, read as a browser would: parsed HTML, not strings.
 * Two datasets are published, the fixture twice (two data versions), so that the registry, statistics,
 * search and version lists have something to tell apart.
 */
class OpendataPagesWebTest {

    static final String FIXTURE = Fixtures.FEED;
    static final String BUDGET = "7017000420-pages_budget";
    // the fixture's first version at 09:00 Tomsk time, its second one a day later at 10:30 (UTC+7)
    static final String FIRST = "data-20260320T0900-structure-20260320T0900";
    static final String SECOND = "data-20260321T1030-structure-20260320T0900";
    // opendata.base-url of every TestApp
    static final String BASE_URL = "https://opendata.example.ru/opendata/";

    @TempDir
    static Path home;
    static TestApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void publish() throws IOException {
        String source = Fixtures.h2Source();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        app = TestApp.publishing(home, clock, source, BUDGET);
        Fixtures.execute(source, "sa", "",
                "INSERT INTO fixture.organisation VALUES (5, 'Библиотека', NULL, 10.00, NULL, NULL, TRUE, NULL)");
        clock.set("2026-03-21T03:30:00Z");
        assertThat(app.run(FIXTURE).status()).isEqualTo(RunStatus.PUBLISHED);
        // a secret beside the tree: no page may ever show it
        Files.writeString(TestApp.portal(home).resolveSibling("secret.txt"), "not public");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // ---- section page ----

    @Test
    void sectionWithoutSlashRedirectsToTheFolderAddress() throws Exception {
        HttpResponse<String> response = get("/opendata");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(URI.create(response.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/opendata/");
    }

    @Test
    void registryHasOneRowPerDatasetWithWorkingLinks() throws Exception {
        Document page = page("/opendata/");
        Elements rows = page.select("table#registry > tbody > tr");
        assertThat(rows).extracting(r -> r.selectFirst("td.id").text()).containsExactly(BUDGET, FIXTURE);

        Element fixture = rows.stream().filter(r -> FIXTURE.equals(r.attr("data-identifier"))).findFirst().orElseThrow();
        Element title = fixture.selectFirst("a.passport-link");
        assertThat(title.text()).isEqualTo("Тестовый набор «Организации»");
        assertThat(title.attr("href")).isEqualTo(FIXTURE + "/");
        assertThat(fixture.select("td").get(2).text()).isEqualTo("Департамент тестирования Томской области");
        assertThat(fixture.selectFirst("time").attr("datetime")).isEqualTo("2026-03-21");
        assertThat(fixture.selectFirst("time").text()).isEqualTo("21.03.2026");
        assertThat(fixture.selectFirst("a.meta-link").attr("href")).isEqualTo(FIXTURE + "/meta.csv");
        assertThat(fixture.selectFirst("a.data-link").attr("href")).isEqualTo(FIXTURE + "/" + SECOND + ".csv");

        for (Element link : page.select("table#registry a[href]")) {
            assertThat(status(link.absUrl("href"))).as(link.absUrl("href")).isEqualTo(200);
        }
    }

    @Test
    void statisticsCountDatasetsVersionsAndTheLastUpdate() throws Exception {
        Document page = page("/opendata/");
        assertThat(page.selectFirst("#stat-datasets").text()).isEqualTo("2");
        assertThat(page.selectFirst("#stat-versions").text()).isEqualTo("3");
        Element updated = page.selectFirst("#stat-updated time");
        assertThat(updated.attr("datetime")).isEqualTo("2026-03-21T10:30:00+07:00");
        assertThat(updated.text()).isEqualTo("21.03.2026 10:30");
    }

    @Test
    void linksTheRegistryFilesThatExistAndNoOthers() throws Exception {
        Document page = page("/opendata/");
        List<String> linked = page.select("a.registry-file").eachAttr("href");
        List<String> existing = Stream.of("list.csv", "list.json", "list.xml")
                .filter(f -> Files.isRegularFile(TestApp.portal(home).resolve(f))).toList();
        assertThat(linked).contains("list.csv").isEqualTo(existing);
        for (Element link : page.select("a.registry-file")) {
            assertThat(status(link.absUrl("href"))).isEqualTo(200);
        }
    }

    @Test
    void showsTheConditionsOfUseAndHowToRequestData() throws Exception {
        Document page = page("/opendata/");
        String terms = page.selectFirst("#terms").text();
        assertThat(terms).contains("бесплатно", "договор", "регистрироваться", "коммерческих", "источник",
                "идентификатор набора данных");
        // the section's own form, and the page of the requests and answers; no other way unless one is configured
        assertThat(page.selectFirst("a#request-link").attr("href")).isEqualTo("/opendata/requests/new");
        assertThat(page.selectFirst("a#requests-link").attr("href")).isEqualTo("/opendata/requests/");
        assertThat(page.select("a#request-other")).isEmpty();
        assertThat(status(page.selectFirst("a#request-link").absUrl("href"))).isEqualTo(200);
        assertThat(page.selectFirst("h1").text()).isEqualTo("Открытые данные Томской области");
    }

    @Test
    void searchByAKeywordFindsItsDatasetOnly() throws Exception {
        Document page = search("организации");
        assertThat(registryIdentifiers(page)).containsExactly(FIXTURE);
        assertThat(page.selectFirst("#search-count").text()).isEqualTo("1");
        assertThat(page.selectFirst("input#q").val()).isEqualTo("организации");
        assertThat(page.select("#search-empty")).isEmpty();
    }

    @Test
    void searchIgnoresCaseAndYo() throws Exception {
        // the keyword is "учёт"; people type "учет", often in capitals
        assertThat(registryIdentifiers(search("УЧЕТ"))).containsExactly(BUDGET);
        // and a word start finds inflected forms: "бюджет" in "бюджета"
        assertThat(registryIdentifiers(search("Бюдж"))).containsExactly(BUDGET);
    }

    @Test
    void searchMatchesAllWordsOfTheQuery() throws Exception {
        assertThat(registryIdentifiers(search("проверки"))).containsExactly(BUDGET, FIXTURE);
        // each word is in some dataset, but no dataset has both
        Document page = search("бюджет организации");
        assertThat(registryIdentifiers(page)).isEmpty();
        assertThat(page.selectFirst("#search-count").text()).isEqualTo("0");
    }

    @Test
    void aSearchWithoutMatchesSaysSoAndHelps() throws Exception {
        Document page = search("космодром");
        assertThat(page.select("table#registry")).isEmpty();
        assertThat(page.selectFirst("#search-count").text()).isEqualTo("0");
        Element help = page.selectFirst("#search-empty");
        assertThat(help.text()).contains("Ничего не найдено");
        assertThat(help.select("a").eachAttr("href")).contains("./");
        // the statistics still describe the whole section
        assertThat(page.selectFirst("#stat-datasets").text()).isEqualTo("2");
    }

    @Test
    void aBlankSearchShowsTheWholeRegistry() throws Exception {
        Document page = search("   ");
        assertThat(registryIdentifiers(page)).containsExactly(BUDGET, FIXTURE);
        assertThat(page.select("#search-result")).isEmpty();
    }

    @Test
    void theSearchTermIsEscaped() throws Exception {
        Document page = search("<b>x</b>\"'");
        assertThat(page.select("#search-result b")).isEmpty();
        assertThat(page.selectFirst("#search-result span").text()).isEqualTo("<b>x</b>\"'");
    }

    // ---- passport page ----

    @Test
    void passportWithoutSlashRedirectsToTheFolderAddress() throws Exception {
        HttpResponse<String> response = get("/opendata/" + FIXTURE);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(URI.create(response.headers().firstValue("Location").orElseThrow()).getPath())
                .isEqualTo("/opendata/" + FIXTURE + "/");
    }

    @Test
    void passportTableHasTheRowsOfMetaCsvInTheirOrder() throws Exception {
        Document page = page("/opendata/" + FIXTURE + "/");
        List<String> properties = page.select("table#passport > tbody > tr").stream()
                .map(r -> r.selectFirst("code.prop").text()).toList();
        List<String> meta = Fixtures.lines(TestApp.portal(home).resolve(FIXTURE).resolve("meta.csv")).stream()
                .skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
        assertThat(properties).isEqualTo(meta);
        assertThat(properties.subList(14, 17)).containsExactly(SECOND, FIRST, "structure-20260320T0900");
        // the numbering consumers use (row 15 is the newest data) is shown as it is
        assertThat(page.select("table#passport > tbody > tr > td.num").eachText().get(14)).isEqualTo("15");
        assertThat(page.select("table#passport > tbody > tr.data-row a").eachAttr("href"))
                .containsExactly(SECOND + ".csv", FIRST + ".csv");
        assertThat(page.select("table#passport > tbody > tr.data-row a").eachText())
                .containsExactly("https://opendata.example.ru/opendata/" + FIXTURE + "/" + SECOND + ".csv",
                        "https://opendata.example.ru/opendata/" + FIXTURE + "/" + FIRST + ".csv");
    }

    @Test
    void passportCarriesTheRdfaOfTheStandard() throws Exception {
        Document page = page("/opendata/" + FIXTURE + "/");
        Elements roots = page.select("[typeof=foaf:Document]");
        assertThat(roots).hasSize(1);
        Element root = roots.first();
        assertThat(root.attr("prefix")).contains("dc: http://purl.org/dc/terms/").contains("foaf: http://xmlns.com/foaf/0.1/");
        assertThat(root.attr("resource")).isEqualTo("https://opendata.example.ru/opendata/" + FIXTURE + "/");
        // every statement belongs to the document
        for (Element statement : page.select("[property]")) {
            assertThat(statement.parents()).as(statement.outerHtml()).contains(root);
        }

        assertThat(root.selectFirst("[property=dc:identifier]").text()).isEqualTo(FIXTURE);
        assertThat(root.selectFirst("[property=dc:title]").text()).isEqualTo("Тестовый набор «Организации»");
        assertThat(root.selectFirst("[property=dc:description]").text())
                .isEqualTo("Набор для проверки формата, с кавычками \", запятыми и переносами строк");
        assertThat(root.selectFirst("[property=dc:creator]").text()).isEqualTo("Департамент тестирования Томской области");
        assertThat(root.selectFirst("[property=dc:format]").text()).isEqualTo("csv");
        assertThat(root.select("[property=dc:subject]").eachText()).containsExactly("тест", "организации");

        Element created = root.selectFirst("[property=dc:created]");
        assertThat(created.attr("datetime")).isEqualTo("2026-03-20");
        assertThat(created.text()).isEqualTo("20.03.2026");
        assertThat(root.selectFirst("[property=dc:modified]").attr("datetime")).isEqualTo("2026-03-21");
        String valid = metaValue("valid");
        assertThat(root.selectFirst("[property=dc:valid]").attr("datetime"))
                .isEqualTo(valid.substring(0, 4) + "-" + valid.substring(4, 6) + "-" + valid.substring(6));

        Element conformsTo = root.selectFirst("[property=dc:conformsTo]");
        assertThat(conformsTo.tagName()).isEqualTo("a");
        assertThat(conformsTo.attr("href")).isEqualTo("http://opendata.gosmonitor.ru/standard/3.0");

        Elements publishers = root.select("[property=dc:publisher]");
        assertThat(publishers).hasSize(1);
        Element publisher = publishers.first();
        assertThat(publisher.attr("typeof")).isEqualTo("foaf:Person");
        assertThat(publisher.selectFirst("[property=foaf:name]").text()).isEqualTo("Иванова Анна Петровна");
        Element phone = publisher.selectFirst("[property=foaf:phone]");
        assertThat(phone.text()).isEqualTo("+7 3822 000000");
        assertThat(phone.attr("href")).isEqualTo("tel:+73822000000");
        Element mbox = publisher.selectFirst("[property=foaf:mbox]");
        assertThat(mbox.tagName()).isEqualTo("a");
        assertThat(mbox.attr("href")).isEqualTo("mailto:opendata@example.ru");
        assertThat(mbox.text()).isEqualTo("opendata@example.ru");
    }

    @Test
    void listsEveryVersionNewestFirstWithEveryFileThatExists() throws Exception {
        Path dir = TestApp.portal(home).resolve(FIXTURE);
        Document page = page("/opendata/" + FIXTURE + "/");
        Elements versions = page.select("table#versions > tbody > tr");
        assertThat(versions.eachAttr("data-version")).containsExactly(SECOND, FIRST);
        for (Element version : versions) {
            String stem = version.attr("data-version");
            List<String> linked = version.select("a.version-file").eachAttr("href");
            assertThat(linked).contains(stem + ".csv").containsExactlyInAnyOrderElementsOf(filesOf(dir, stem));
        }
        assertThat(versions.first().select("td").get(2).text()).contains("5 записей");

        Elements structures = page.select("table#structures > tbody > tr");
        assertThat(structures.eachAttr("data-version")).containsExactly("structure-20260320T0900");
        assertThat(structures.first().select("a.structure-file").eachAttr("href"))
                .contains("structure-20260320T0900.csv")
                .containsExactlyInAnyOrderElementsOf(filesOf(dir, "structure-20260320T0900"));
        // a version's structure cell leads to its row in the structure table
        assertThat(page.select("#" + versions.first().select("td a[href^=#]").attr("href").substring(1))).hasSize(1);

        for (Element link : page.select("a.version-file, a.structure-file, a.passport-file")) {
            HttpResponse<String> file = get(URI.create(link.absUrl("href")));
            assertThat(file.statusCode()).as(link.absUrl("href")).isEqualTo(200);
        }
    }

    @Test
    void previewShowsTheFirstRecordsOfTheNewestCsvAsTheyAre() throws Exception {
        Document page = page("/opendata/" + FIXTURE + "/");
        // headed with the structure file's Russian descriptions, the technical name beneath
        assertThat(page.select("table#preview > thead th .field-ru").eachText()).containsExactly("Идентификатор",
                "Наименование", "Примечание", "Сумма, руб.", "Дата открытия", "Дата и время обновления", "Действует");
        assertThat(page.select("table#preview > thead th code.prop").eachText())
                .containsExactly("id", "name", "note", "amount", "opened", "updated", "active");
        List<List<String>> cells = page.select("table#preview > tbody > tr").stream()
                .map(r -> r.select("td").stream().map(Element::wholeText).toList()).toList();
        assertThat(cells).containsExactly(
                List.of("1", "Школа № 1", "Адрес: г. Томск, ул. Ленина, д. 1", "1234.5", "1990-09-01",
                        "2026-03-01T10:15:00+07:00", "true"),
                List.of("2", "МАОУ \"Гимназия № 2\"", "Строка один\nСтрока два", "0", "", "2026-03-02T08:00:00+07:00", "false"),
                List.of("3", "Лицей «Эврика»", "", "-17.25", "2001-02-28", "", ""),
                List.of("4", "Детский сад, корпус 2", "кавычки \"внутри\", запятые", "1000000", "2015-06-15",
                        "2026-03-03T23:59:59+07:00", "true"),
                List.of("5", "Библиотека", "", "10", "", "", "true"));
    }

    @Test
    void anUnknownDatasetIsARussian404() throws Exception {
        for (String path : List.of("/opendata/7017069388-nonexistent/", "/opendata/not-an-identifier/",
                "/opendata/1234-short/")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
            Document page = Jsoup.parse(response.body());
            assertThat(page.selectFirst("h1").text()).isEqualTo("Набор данных не найден");
            assertThat(page.selectFirst("html").attr("lang")).isEqualTo("ru");
            assertThat(page.select("a[href=/opendata/]")).isNotEmpty();
        }
    }

    /** Sent over a raw socket, byte for byte: HTTP clients would normalise these paths before sending. */
    @ParameterizedTest
    @ValueSource(strings = {
            "/opendata/..%2f/",
            "/opendata/..%2F..%2F/",
            "/opendata/%2e%2e/",
            "/opendata/..%5c/",
            "/opendata/%252e%252e%252f/",
            "/opendata/" + FIXTURE + "%2f..%2f..%2f/",
            "/opendata/..;/",
            "/opendata/%00/"})
    void traversalNeverLeavesTheTree(String path) throws Exception {
        String response = rawGet(path);
        String status = response.substring(0, response.indexOf("\r\n"));
        assertThat(status).matches("HTTP/1\\.1 (400|401|404).*");
        assertThat(response).doesNotContain("not public").doesNotContain("foaf:Document");
    }

    @Test
    void pagesAreUtf8HtmlThatNeedNoScript() throws Exception {
        for (String path : List.of("/opendata/", "/opendata/?q=" + URLEncoder.encode("тест", StandardCharsets.UTF_8), "/opendata/" + FIXTURE + "/", "/opendata/" + BUDGET + "/")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("text/html;charset=UTF-8");
            Document page = Jsoup.parse(response.body());
            // only the map of a dataset with coordinates has a script (PassportPageBrowserTest); these have none
            assertThat(page.select("script")).as(path).isEmpty();
            assertThat(page.select("[onclick], [onload], [onsubmit]")).as(path).isEmpty();
            assertThat(page.selectFirst("html").attr("lang")).isEqualTo("ru");
            assertThat(page.select("meta[name=viewport]")).isNotEmpty();
            assertThat(page.select("main#content h1")).hasSize(1);
        }
        // the search is a plain GET form
        Element form = page("/opendata/").selectFirst("form[role=search]");
        assertThat(form.attr("method")).isEqualTo("get");
        assertThat(form.select("input[name=q]")).hasSize(1);
    }

    @Test
    void thePublishedFilesAreStillServedAsFiles() throws Exception {
        HttpResponse<String> list = get("/opendata/list.csv");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(list.body()).isEqualTo(Files.readString(TestApp.portal(home).resolve("list.csv")));
        HttpResponse<String> meta = get("/opendata/" + FIXTURE + "/meta.csv");
        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(meta.body()).isEqualTo(Files.readString(TestApp.portal(home).resolve(FIXTURE).resolve("meta.csv")));
    }

    // ---- the root and the crawlers ----

    @Test
    void theRootLeadsIntoTheSection() throws Exception {
        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(302);
            assertThat(URI.create(response.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/opendata/");
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        }
    }

    @Test
    void robotsTxtOpensTheSectionClosesTheOperatorsSideAndNamesTheSitemap() throws Exception {
        Golden.assertMatches(served("/robots.txt", "text/plain;charset=UTF-8"), "/robots.txt", "site/robots.txt");
    }

    @Test
    void theSitemapListsTheSectionAndEveryPublishedDatasetValidAgainstTheSitemapsSchema() throws Exception {
        byte[] sitemap = served("/opendata/sitemap.xml", "application/xml;charset=UTF-8");
        // the dates are the passports' `modified`: the fixture's second version on 21 March, the budget's first on 20 March
        Golden.assertMatches(sitemap, "/opendata/sitemap.xml", "site/sitemap.xml");
        StructureValidators.validateXml(StructureValidators.xsd(
                new ClassPathResource("sitemaps/sitemap.xsd").getContentAsByteArray()), sitemap);
        // every address is a page of this section under opendata.base-url
        for (Element loc : Jsoup.parse(new String(sitemap, StandardCharsets.UTF_8), "", Parser.xmlParser()).select("loc")) {
            assertThat(loc.text()).startsWith(BASE_URL);
            assertThat(get("/opendata/" + loc.text().substring(BASE_URL.length())).statusCode()).as(loc.text()).isEqualTo(200);
        }
    }

    @Test
    void theSectionHasAFavicon() throws Exception {
        byte[] icon = served("/favicon.ico", "image/x-icon");
        assertThat(icon).isEqualTo(new ClassPathResource("static/favicon.ico").getContentAsByteArray());
        // an ICO directory (reserved 0, type 1) with two images, 16 and 32 pixels wide
        assertThat(java.util.Arrays.copyOf(icon, 6)).containsExactly(0, 0, 1, 0, 2, 0);
        assertThat(icon[6]).isEqualTo((byte) 16);
        assertThat(icon[22]).isEqualTo((byte) 32);
    }

    @Test
    void everyPageLinksTheFaviconAndNamesItsCanonicalAddress() throws Exception {
        Map<String, String> canonical = Map.of(
                "/opendata/", BASE_URL,
                "/opendata/?q=" + URLEncoder.encode("тест", StandardCharsets.UTF_8), BASE_URL,
                "/opendata/" + FIXTURE + "/", BASE_URL + FIXTURE + "/",
                "/opendata/" + BUDGET + "/", BASE_URL + BUDGET + "/");
        for (Map.Entry<String, String> page : canonical.entrySet()) {
            Document document = page(page.getKey());
            assertThat(document.select("head link[rel=icon]")).as(page.getKey()).hasSize(1);
            assertThat(document.selectFirst("head link[rel=icon]").attr("href")).isEqualTo("/favicon.ico");
            assertThat(document.select("head link[rel=canonical]")).as(page.getKey()).hasSize(1);
            assertThat(document.selectFirst("head link[rel=canonical]").attr("href")).as(page.getKey()).isEqualTo(page.getValue());
        }
        // a page that does not exist is nobody's canonical address
        HttpResponse<String> missing = get("/opendata/7017069388-nonexistent/");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(missing.body()).select("link[rel=canonical]")).isEmpty();
        assertThat(Jsoup.parse(missing.body()).select("link[rel=icon]")).hasSize(1);
    }

    // ---- helpers ----

    private static List<String> registryIdentifiers(Document page) {
        return page.select("table#registry > tbody > tr").eachAttr("data-identifier");
    }

    private static List<String> filesOf(Path dir, String stem) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(stem + ".")).toList();
        }
    }

    private static String metaValue(String property) {
        return Fixtures.lines(TestApp.portal(home).resolve(FIXTURE).resolve("meta.csv")).stream()
                .filter(line -> line.startsWith(property + ",")).findFirst().orElseThrow()
                .substring(property.length() + 1);
    }

    private static Document search(String query) throws Exception {
        return page("/opendata/?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private static Document page(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(response.body(), uri(path).toString());
    }

    /** The body of a public GET that must answer 200 with this content type, without any credentials. */
    private static byte[] served(String path, String contentType) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue(contentType);
        return response.body();
    }

    private static int status(String url) throws Exception {
        return get(URI.create(url)).statusCode();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(uri(path));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    private static String rawGet(String path) throws IOException {
        return RawHttp.get(app.port(), path);
    }
}
