package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The section page's search and registry filters in a browser without JavaScript (HtmlUnit), over four published
 * datasets of three owners: the page as rendered, the forms as submitted.
 */
class SectionSearchWebTest {

    static final String FIXTURE = Fixtures.FEED;
    static final String BUDGET = "7017000420-pages_budget";
    static final String SCHOOLS = "7017069388-pages_schools";
    static final String MUSEUMS = "7017004620-pages_museums";
    static final String EDUCATION = "Департамент общего образования Томской области";
    static final String CULTURE = "Департамент по культуре Томской области";

    @TempDir
    static Path home;
    static TestApp app;
    /** The registry's rows for «музей» before the museums were published. */
    static List<String> museumsBeforePublication;

    WebClient browser;

    @BeforeAll
    static void publish() throws Exception {
        Fixtures.installFixtureFeed(home);
        for (String feed : List.of(BUDGET, SCHOOLS, MUSEUMS)) {
            Fixtures.installFeed(home, feed + ".yaml", feed + ".yaml");
        }
        app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        for (String feed : List.of(FIXTURE, BUDGET, SCHOOLS)) {
            assertThat(app.run(feed).status()).as(feed).isEqualTo(RunStatus.PUBLISHED);
        }
        try (WebClient first = browser()) {
            museumsBeforePublication = registry(first.getPage(url("/opendata/?q=" + encoded("музей"))));
        }
        assertThat(app.run(MUSEUMS).status()).isEqualTo(RunStatus.PUBLISHED);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void open() {
        browser = browser();
    }

    @AfterEach
    void close() {
        browser.close();
    }

    // ---- search ----

    @Test
    void aWordFindsTheTitlesAndKeywordsInItsOtherForms() throws Exception {
        HtmlPage schools = search("школа");
        assertThat(registry(schools)).containsExactly(SCHOOLS);
        // the title does not say «школа» at all: the keyword «школы» does
        assertThat(titles(schools)).containsExactly("Общеобразовательные организации Томской области");
        assertThat(text(schools, "search-count")).isEqualTo("1");

        assertThat(registry(search("музей"))).containsExactly(MUSEUMS);
        assertThat(registry(search("МУЗЕЕВ"))).containsExactly(MUSEUMS);
        assertThat(registry(search("организация"))).containsExactlyInAnyOrder(SCHOOLS, FIXTURE);
    }

    @Test
    void fieldDescriptionsAndOwnersAreSearchedToo() throws Exception {
        assertThat(registry(search("часы работы"))).containsExactly(MUSEUMS);
        assertThat(registry(search("департамент финансов"))).containsExactly(BUDGET);
    }

    @Test
    void titlesRankAboveOwners() throws Exception {
        // all four owners are «… Томской области»; two titles say it too
        List<String> found = registry(search("томская область"));
        assertThat(found).hasSize(4);
        assertThat(found.subList(0, 2)).containsExactlyInAnyOrder(SCHOOLS, MUSEUMS);
        assertThat(found.subList(2, 4)).containsExactlyInAnyOrder(BUDGET, FIXTURE);
    }

    @Test
    void unrelatedWordsFindNothingAndThePageSaysWhatToDo() throws Exception {
        for (String unrelated : List.of("больница", "музыка", "школа музей")) {
            HtmlPage page = search(unrelated);
            assertThat(registry(page)).as(unrelated).isEmpty();
            assertThat(text(page, "search-count")).isEqualTo("0");
            assertThat(text(page, "search-empty")).contains("Ничего не найдено", "снимите фильтры");
        }
    }

    @Test
    void theIndexFollowsPublications() throws Exception {
        // the index built for the first search did not know the museums; a stale one would still find nothing
        assertThat(museumsBeforePublication).isEmpty();
        assertThat(registry(search("музей"))).containsExactly(MUSEUMS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AND(", "title:школа OR *:*", "\"школа\" OR \"музей\"", "<b>школа</b>", "школа AND музей"})
    void querySyntaxIsPlainText(String query) throws Exception {
        HtmlPage page = search(query);
        assertThat(page.getElementById("search-too-long")).isNull();
        assertThat(((HtmlInput) page.getElementById("q")).getValue()).isEqualTo(query);
        // every word must match: «and», «title», «b» are words that no dataset has
        assertThat(registry(page)).isEmpty();
        assertThat(text(page, "search-result")).contains("найдено наборов данных: 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "\"", "%", "\\", "*:*", "и"})
    void aQueryWithoutWordsShowsTheWholeRegistry(String query) throws Exception {
        HtmlPage page = search(query);
        assertThat(((HtmlInput) page.getElementById("q")).getValue()).isEqualTo(query);
        assertThat(registry(page)).hasSize(4);
    }

    @Test
    void aQueryLongerThan200CharactersIsRefusedInRussian() throws Exception {
        // 11 KB of UTF-8, 31 KB in the address
        HtmlPage page = search("школа ".repeat(1_000));
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(text(page, "search-too-long")).contains("Запрос слишком длинный", "не больше 200 знаков");
        assertThat(registry(page)).isEmpty();
        assertThat(page.getElementById("search-result")).isNull();
        assertThat(((HtmlInput) page.getElementById("q")).getValue()).hasSize(200);
        // the statistics still describe the whole section
        assertThat(text(page, "stat-datasets")).isEqualTo("4");
    }

    // ---- filters ----

    @Test
    void theFiltersOfferTheOwnersAndKeywordsOfThePublishedDatasets() throws Exception {
        HtmlPage page = browser.getPage(url("/opendata/"));
        assertThat(options(page, "owner")).containsExactly("", EDUCATION, CULTURE,
                "Департамент тестирования Томской области", "Департамент финансов Томской области");
        assertThat(options(page, "subject")).containsExactly("", "бюджет", "культура", "музеи", "образование",
                "организации", "расходы", "тест", "учёт", "школы");
    }

    @Test
    void ownerAndKeywordNarrowTheRegistryAndCombineWithTheSearch() throws Exception {
        assertThat(registry(page("owner", CULTURE))).containsExactly(MUSEUMS);
        assertThat(registry(page("subject", "школы"))).containsExactly(SCHOOLS);
        assertThat(registry(page("subject", "организации"))).containsExactly(FIXTURE);
        assertThat(registry(page("q", "организации", "owner", EDUCATION))).containsExactly(SCHOOLS);
        HtmlPage none = page("q", "музей", "owner", EDUCATION);
        assertThat(registry(none)).isEmpty();
        assertThat(text(none, "search-result")).contains("владелец — " + EDUCATION);
        // a blank value is the «all» option
        assertThat(registry(page("q", "", "owner", "", "subject", ""))).containsExactly(BUDGET, MUSEUMS, FIXTURE, SCHOOLS);
    }

    @Test
    void theFormWorksWithoutScriptAndItsResultHasAnAddressToShare() throws Exception {
        HtmlPage section = browser.getPage(url("/opendata/"));
        HtmlForm form = section.getFirstByXPath("//form[@role='search']");
        assertThat(form.getMethodAttribute()).isEqualTo("get");
        form.<HtmlInput>getInputByName("q").type("организация");
        form.<HtmlSelect>getSelectByName("owner").setSelectedAttribute(EDUCATION, true);
        HtmlPage result = form.<DomElement>getFirstByXPath(".//button[@type='submit']").click();
        assertThat(registry(result)).containsExactly(SCHOOLS);
        assertThat(result.getUrl().getQuery()).contains("q=", "owner=", "subject=");

        // the same address opened in another browser shows the same result with the same choices
        try (WebClient other = browser()) {
            HtmlPage shared = other.getPage(result.getUrl());
            assertThat(registry(shared)).containsExactly(SCHOOLS);
            assertThat(((HtmlInput) shared.getElementById("q")).getValue()).isEqualTo("организация");
            assertThat(((HtmlSelect) shared.getElementById("owner")).getSelectedOptions())
                    .extracting(HtmlOption::getValueAttribute).containsExactly(EDUCATION);
            assertThat(shared.getElementById("search-reset").getAttribute("href")).isEqualTo("./");
        }
    }

    // ---- frequency ----

    @Test
    void theRegistrySaysHowOftenEachDatasetIsRefreshedInRussian() throws Exception {
        HtmlPage page = browser.getPage(url("/opendata/"));
        assertThat(page.<DomElement>getByXPath("//table[@id='registry']/thead//th")).extracting(DomElement::getTextContent)
                .contains("Периодичность");
        assertThat(frequency(page, MUSEUMS)).isEqualTo("ежемесячно");
        assertThat(frequency(page, SCHOOLS)).isEqualTo("ежеквартально");
        assertThat(frequency(page, BUDGET)).isEqualTo("ежеквартально");
    }

    // ---- helpers ----

    private static WebClient browser() {
        WebClient client = new WebClient();
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        return client;
    }

    private HtmlPage search(String query) throws Exception {
        return page("q", query);
    }

    /** The section page with these GET parameters, name and value in turn. */
    private HtmlPage page(String... parameters) throws Exception {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(parameters[i]).append('=').append(encoded(parameters[i + 1]));
        }
        HtmlPage page = browser.getPage(url("/opendata/" + query));
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        return page;
    }

    private static List<String> registry(HtmlPage page) {
        return page.<DomElement>getByXPath("//table[@id='registry']/tbody/tr").stream()
                .map(row -> row.getAttribute("data-identifier")).toList();
    }

    private static List<String> titles(HtmlPage page) {
        return page.<DomElement>getByXPath("//table[@id='registry']//a[@class='passport-link']").stream()
                .map(DomElement::getTextContent).toList();
    }

    private static String frequency(HtmlPage page, String identifier) {
        DomElement cell = page.getFirstByXPath("//tr[@data-identifier='" + identifier + "']/td[@class='frequency']");
        return cell.getTextContent().strip();
    }

    private static List<String> options(HtmlPage page, String select) {
        return ((HtmlSelect) page.getElementById(select)).getOptions().stream().map(HtmlOption::getValueAttribute).toList();
    }

    private static String text(HtmlPage page, String id) {
        return page.getElementById(id).asNormalizedText();
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String url(String path) {
        return "http://localhost:" + app.port() + path;
    }
}
