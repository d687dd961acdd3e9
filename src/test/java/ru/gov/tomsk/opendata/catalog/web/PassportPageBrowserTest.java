package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.HeadlessChromium;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The passport page of a dataset with coordinates, as browsers see it: HtmlUnit runs its scripts (the map), and a
 * real engine, headless Chromium when one is on the PATH, lays it out at a phone's 390 px. The places feed has
 * three records, two of them with coordinates.
 */
class PassportPageBrowserTest {

    static final String PLACES = "7017069388-places";
    static final String DATA = "data-20260320T0900-structure-20260320T0900";
    static final int PHONE = 390;

    @TempDir
    static Path home;
    static TestApp app;

    @BeforeAll
    static void publish() throws IOException {
        app = publishPlaces(home, Map.of());
    }

    /** The service with the fixture and the places feed published once, {@code properties} on top. */
    static TestApp publishPlaces(Path home, Map<String, Object> properties) throws IOException {
        String source = Fixtures.h2Source();
        Fixtures.runScript(source, "e2e/places.sql");
        return TestApp.publishing(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), source, PLACES,
                properties);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String url(String path) {
        return "http://localhost:" + app.port() + path;
    }

    static WebClient browser() {
        WebClient browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(true);
        browser.getOptions().setCssEnabled(true);
        browser.getOptions().setThrowExceptionOnScriptError(true);
        return browser;
    }

    @Test
    void theMapDrawsOneMarkerPerLocatedRecordWithItsNameInThePopup() throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(url("/opendata/" + PLACES + "/"));
            browser.waitForBackgroundJavaScript(10_000);
            DomElement map = page.getElementById("map");
            assertThat(map.hasAttribute("hidden")).as("map.js shows the map").isFalse();
            List<DomElement> markers = page.getByXPath("//div[@id='map']//img[contains(@class,'leaflet-marker-icon')]");
            assertThat(markers).extracting(m -> m.getAttribute("title"))
                    .containsExactlyInAnyOrder("Музей истории Томска", "Дом учёных");
            // no tiles are configured: no tile layer, and the map says it draws on a blank plane
            assertThat(page.getByXPath("//div[@id='map']//img[contains(@class,'leaflet-tile')]")).isEmpty();
            assertThat(map.getAttribute("class")).contains("no-tiles");

            markers.stream().filter(m -> m.getAttribute("title").equals("Дом учёных")).findFirst().orElseThrow().click();
            browser.waitForBackgroundJavaScript(5_000);
            DomElement popup = page.getFirstByXPath("//div[contains(@class,'leaflet-popup-content')]");
            assertThat(popup).as("a popup opens on the marker").isNotNull();
            assertThat(popup.getTextContent()).contains("Дом учёных");
        }
    }

    @Test
    void withoutJavaScriptThePointsAreAListAndTheGeoJsonIsLinked() throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            HtmlPage page = browser.getPage(url("/opendata/" + PLACES + "/"));
            assertThat(page.getElementById("map").hasAttribute("hidden")).isTrue();
            List<DomElement> points = page.getByXPath("//ol[@id='map-points']/li");
            assertThat(points).extracting(p -> p.getAttribute("data-lat") + " " + p.getAttribute("data-lon"))
                    .containsExactly("56.4884 84.952", "56.486 84.956");
            assertThat(((DomElement) points.get(0).getFirstByXPath("span[@class='point-title']")).getTextContent())
                    .isEqualTo("Музей истории Томска");
            assertThat(page.getElementById("map-shown").getTextContent()).isEqualTo("2");
            assertThat(page.getElementById("map-unlocated").getTextContent()).isEqualTo("1");
            DomElement geojson = page.getElementById("geojson-link");
            assertThat(geojson.getAttribute("href")).isEqualTo(DATA + ".geojson");
            assertThat(browser.getPage(page.getFullyQualifiedUrl(geojson.getAttribute("href"))).getWebResponse()
                    .getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void leafletIsServedByTheServiceAndNoScriptComesFromAnotherHost() throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(url("/opendata/" + PLACES + "/"));
            List<String> scripts = page.getByXPath("//script/@src").stream().map(a -> ((org.htmlunit.html.DomAttr) a).getValue()).toList();
            assertThat(scripts).containsExactly("/opendata/assets/leaflet/leaflet.js", "/opendata/assets/map.js");
            for (String src : scripts) {
                URL script = page.getFullyQualifiedUrl(src);
                assertThat(script.getHost()).isEqualTo("localhost");
                Page asset = browser.getPage(script);
                assertThat(asset.getWebResponse().getStatusCode()).as(src).isEqualTo(200);
                assertThat(asset.getWebResponse().getContentType()).as(src).isIn("text/javascript", "application/javascript");
            }
            assertThat(browser.getPage(url("/opendata/assets/leaflet/leaflet.js")).getWebResponse().getContentAsString())
                    .contains("Leaflet 1.9.4");
            Page css = browser.getPage(url("/opendata/assets/leaflet/leaflet.css"));
            assertThat(css.getWebResponse().getContentType()).isEqualTo("text/css");
            Page icon = browser.getPage(url("/opendata/assets/leaflet/images/marker-icon.png"));
            assertThat(icon.getWebResponse().getContentType()).isEqualTo("image/png");
            // the policy lets in this site's scripts and nothing else: no inline script, no other host
            assertThat(page.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                    .isEqualTo("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            assertThat(page.getByXPath("//script[not(@src)]")).isEmpty();
            // Leaflet sets styles through the DOM, which the policy allows; the page as served has none inline
            assertThat(page.getWebResponse().getContentAsString()).doesNotContainPattern("\\sstyle\\s*=");
        }
    }

    @Test
    void thePreviewIsHeadedWithTheRussianDescriptionsAndNamesEveryCell() throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            HtmlPage page = browser.getPage(url("/opendata/" + PLACES + "/"));
            List<DomElement> headers = page.getByXPath("//table[@id='preview']/thead/tr/th");
            assertThat(headers).extracting(h -> ((DomElement) h.getFirstByXPath("span[@class='field-ru']")).getTextContent())
                    .containsExactly("Идентификатор", "Наименование", "Вид", "Телефон", "Посетителей в день",
                            "Широта (WGS 84, EPSG:4326)", "Долгота (WGS 84, EPSG:4326)");
            assertThat(headers).extracting(h -> ((DomElement) h.getFirstByXPath("code")).getTextContent())
                    .containsExactly("id", "name", "kind", "phone", "visitors", "latitude", "longitude");
            // every value carries its column's description: the card a narrow screen shows
            List<DomElement> first = page.getByXPath("//table[@id='preview']/tbody/tr[1]/td");
            assertThat(first).extracting(c -> c.getAttribute("data-label") + ": " + c.getTextContent()).startsWith(
                    "Идентификатор: 1", "Наименование: Музей истории Томска", "Вид: музей");
        }
    }

    // ---- 390 px ----

    /** What always runs, browser or not: the pieces that keep the page within a phone's width. */
    @Test
    void thePageIsBuiltForNarrowScreens() throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            HtmlPage page = browser.getPage(url("/opendata/" + PLACES + "/"));
            DomElement viewport = page.getFirstByXPath("//meta[@name='viewport']");
            assertThat(viewport.getAttribute("content")).contains("width=device-width");
            for (String table : List.of("passport", "versions", "structures", "preview")) {
                DomElement element = page.getElementById(table);
                assertThat(element.getParentNode().getAttributes().getNamedItem("class").getNodeValue())
                        .as(table + " sits in a wrapper").isEqualTo("table-wrap");
                assertThat(element.getAttribute("class")).as(table + " stacks on a narrow screen").contains("stack");
            }
            String css = browser.getPage(url("/opendata/assets/opendata.css")).getWebResponse().getContentAsString();
            assertThat(css).contains("@media (max-width: 48rem)", "table.stack tr", "overflow-wrap: anywhere",
                    "content: attr(data-label)");
            // no fixed width wider than a phone's screen less the page's margins
            Matcher widths = Pattern.compile("(?<![-\\w])(min-)?width:\\s*([0-9.]+)(px|rem|em)").matcher(css);
            while (widths.find()) {
                double px = Double.parseDouble(widths.group(2)) * (widths.group(3).equals("px") ? 1 : 16);
                assertThat(px).as(widths.group()).isLessThanOrEqualTo(PHONE - 32);
            }
        }
    }

    @Test
    void atAPhonesWidthThePageDoesNotScrollSidewaysInARealBrowser(@TempDir Path profile) throws Exception {
        Optional<Path> binary = HeadlessChromium.find();
        assumeTrue(binary.isPresent(), "No Chromium or Chrome on the PATH (chromium, chromium-browser, google-chrome): "
                + "the layout at 390 px is checked only by thePageIsBuiltForNarrowScreens. Install one to run this test.");
        try (HeadlessChromium chromium = HeadlessChromium.start(binary.get(), profile)) {
            chromium.phone(PHONE, 844);
            for (String path : List.of("/opendata/" + PLACES + "/", "/opendata/" + Fixtures.FEED + "/")) {
                chromium.open(url(path));
                await().atMost(Duration.ofSeconds(30)).until(() -> chromium.evaluate(
                        "document.readyState === 'complete' && document.location.pathname === '" + path + "'").asBoolean());
                JsonNode layout = chromium.evaluate("""
                        ({ viewport: window.innerWidth, width: document.documentElement.scrollWidth,
                           cutTables: Array.from(document.querySelectorAll('.table-wrap'))
                               .filter(w => w.scrollWidth > w.clientWidth)
                               .map(w => w.querySelector('table').id),
                           markers: document.querySelectorAll('#map .leaflet-marker-icon').length })""");
                assertThat(layout.get("viewport").asInt()).as(path).isEqualTo(PHONE);
                assertThat(layout.get("width").asInt()).as(path + ": the page's width").isLessThanOrEqualTo(PHONE);
                assertThat(layout.get("cutTables")).as(path + ": tables with columns behind a scrollbar").isEmpty();
                if (path.contains(PLACES)) {
                    assertThat(layout.get("markers").asInt()).as("markers drawn by a real engine").isEqualTo(2);
                }
            }
        }
    }
}
