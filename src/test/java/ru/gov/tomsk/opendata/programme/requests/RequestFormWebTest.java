package ru.gov.tomsk.opendata.programme.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The public request form over real HTTP: a browser (HtmlUnit, no script) goes from the section page to the form,
 * sends a request and gets its number, date and deadline, and finds it on the page of requests, which never shows the
 * e-mail; and the abuse limits: the sixth request within the hour from one address (429 with Retry-After), the
 * honeypot, an oversize body with and without a declared length (413), a field over its limit or with markup (422
 * naming the field), and posts from another site (403), none of which registers anything.
 */
class RequestFormWebTest {

    @TempDir
    static Path home;
    static TestApp app;
    static TimeZone jvmZone;
    static final MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        // the region's dates must not come from the JVM's zone
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        app = TestApp.start(home, clock, Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
        TimeZone.setDefault(jvmZone);
    }

    /** Every test starts with the limit of its address free (all come from 127.0.0.1), still on 20.03.2026 in Tomsk. */
    @BeforeEach
    void freshWindow() {
        clock.set(clock.instant().plus(Duration.ofMinutes(61)));
    }

    DataRequests requests() {
        return app.bean(DataRequests.class);
    }

    @Test
    void aBrowserSendsARequestFromTheSectionPageAndFindsItOnThePageOfRequests() throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage section = browser.getPage(url("/opendata/"));
            HtmlPage form = ((HtmlAnchor) section.getElementById("request-link")).click();
            assertThat(form.getUrl().getPath()).isEqualTo("/opendata/requests/new");
            assertThat(form.getTitleText()).startsWith("Запрос на публикацию данных");
            assertThat(form.getElementById("consent").getParentNode().asNormalizedText()).contains("152-ФЗ");

            HtmlForm request = form.getHtmlElementById("request-form");
            ((HtmlTextArea) form.getElementById("what")).setText("Расписание пригородных автобусов\nс остановками");
            ((HtmlTextArea) form.getElementById("why")).setText("Приложение для дачников");
            request.getInputByName("email").setValue("dachnik@example.ru");

            // an e-mail without the consent: the form again, with what was typed and the message at the consent
            long before = requests().count();
            HtmlPage refused = send(form);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.getElementById("consent-error").asNormalizedText())
                    .contains("«Согласие на обработку персональных данных»");
            assertThat(((HtmlTextArea) refused.getElementById("what")).getText())
                    .isEqualTo("Расписание пригородных автобусов\nс остановками");
            assertThat(refused.getElementById("email").getAttribute("value")).isEqualTo("dachnik@example.ru");
            assertThat(requests().count()).as("nothing registered").isEqualTo(before);

            ((HtmlCheckBoxInput) refused.getElementById("consent")).setChecked(true);
            HtmlPage done = send(refused);
            assertThat(done.getWebResponse().getStatusCode()).isEqualTo(200);
            String number = done.getElementById("receipt-number").asNormalizedText();
            assertThat(number).matches("З-2026-\\d{4}");
            assertThat(done.getElementById("receipt-date").asNormalizedText()).isEqualTo("20.03.2026");
            assertThat(done.getElementById("receipt-due").asNormalizedText()).isEqualTo("19.04.2026");
            assertThat(requests().count()).isEqualTo(before + 1);
            DataRequest stored = requests().find(number).orElseThrow();
            assertThat(stored.what()).isEqualTo("Расписание пригородных автобусов\nс остановками");
            assertThat(stored.contactEmail()).isEqualTo("dachnik@example.ru");

            HtmlPage list = ((HtmlAnchor) done.getAnchorByText("«Информация о результатах выполнения запросов»")).click();
            assertThat(list.getTitleText()).startsWith("Информация о результатах выполнения запросов");
            String row = list.getElementById("request-" + number).asNormalizedText();
            assertThat(row).contains(number, "20.03.2026", "Расписание пригородных автобусов", "Приложение для дачников",
                    "зарегистрирован", "19.04.2026", "ответ ещё не дан");
            assertThat(list.getWebResponse().getContentAsString()).doesNotContain("dachnik");
        }
    }

    @Test
    void thePageShowsTheRedactedTextAndTheAnswersAndNeverTheContact() throws Exception {
        DataRequests requests = requests();
        DataRequest published = requests.register(new NewRequest("Адреса школ, мой телефон 8-913-000-00-00", null,
                "ivanov@example.ru", true, "k"));
        requests.redact(published.number(), "Адреса школ", null, "operator");
        requests.answer(published.number(), RequestOutcome.PUBLISHED, "Опубликован", "7017069388-schools", null, "operator");
        DataRequest refused = requests.register(new NewRequest("Зарплаты чиновников", null, "petrov@example.ru", true, "k"));
        requests.answer(refused.number(), RequestOutcome.REFUSED, "Сведения ограниченного доступа", null, null, "operator");

        HttpResponse<String> response = get("/opendata/requests/");
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body(), url("/opendata/requests/"));
        assertThat(page.selectFirst("h1").text()).isEqualTo("Информация о результатах выполнения запросов");
        String first = page.getElementById("request-" + published.number()).text();
        assertThat(first).contains("Адреса школ", "дан ответ", "опубликовано", "7017069388-schools")
                .doesNotContain("8-913");
        assertThat(page.select("#request-" + published.number() + " a.dataset-link").attr("href"))
                .isEqualTo("/opendata/7017069388-schools/");
        assertThat(page.getElementById("request-" + refused.number()).text())
                .contains("отказано", "Причина:", "Сведения ограниченного доступа", "20.03.2026");
        // newest first
        assertThat(page.select("#requests tbody tr").eachAttr("data-number").indexOf(refused.number()))
                .isLessThan(page.select("#requests tbody tr").eachAttr("data-number").indexOf(published.number()));
        assertThat(page.getElementById("requests-count").text()).contains(Long.toString(requests.count()));
        assertThat(response.body()).doesNotContain("ivanov@", "petrov@", "example.ru\"", "8-913");
        // the section page and every page of the section link the form and this page
        Document section = Jsoup.parse(get("/opendata/").body(), url("/opendata/"));
        assertThat(section.select("footer a.requests-link").attr("href")).isEqualTo("/opendata/requests/");
        assertThat(section.select("footer a.request-link").attr("href")).isEqualTo("/opendata/requests/new");
    }

    @Test
    void theSixthRequestWithinTheHourFromOneAddressIsRefusedWithRetryAfter() throws Exception {
        long before = requests().count();
        for (int i = 1; i <= 5; i++) {
            assertThat(post(Map.of("what", "Набор " + i)).statusCode()).as("request %d", i).isEqualTo(200);
        }
        HttpResponse<String> sixth = post(Map.of("what", "Набор 6"));
        assertThat(sixth.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(3600L, 3601L);
        assertThat(Jsoup.parse(sixth.body()).getElementById("refusal").text())
                .contains("уже отправлено 5 запросов за 1 час", "через");
        assertThat(requests().count()).isEqualTo(before + 5);

        // once Retry-After has passed, the address may send again
        clock.set(clock.instant().plusSeconds(retryAfter));
        assertThat(post(Map.of("what", "Набор 7")).statusCode()).isEqualTo(200);
    }

    @Test
    void aBotThatFillsTheHiddenFieldIsToldItSucceededAndNothingIsRegistered() throws Exception {
        long before = requests().count();
        HttpResponse<String> response = post(Map.of("what", "Купить дешёвые часы", "website", "http://spam.example"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("запрос принят").doesNotContain("receipt-number");
        assertThat(requests().count()).isEqualTo(before);
    }

    @Test
    void anOversizeBodyIsRefusedWith413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        long before = requests().count();
        byte[] body = ("what=" + "a".repeat(20_000)).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> declared = http.send(form().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(Jsoup.parse(declared.body()).getElementById("refusal").text()).contains("не больше 16 КБ");
        // chunked: no Content-Length, refused after reading one byte over the limit
        HttpResponse<String> chunked = http.send(form().POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(requests().count()).isEqualTo(before);
    }

    @Test
    void aFieldOverItsLimitOrWithMarkupIsRefusedNamingTheField() throws Exception {
        long before = requests().count();
        HttpResponse<String> tooLong = post(Map.of("what", "д".repeat(2001)));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(tooLong.body());
        assertThat(page.getElementById("what-error").text()).contains("«Какие данные нужны»", "2001", "2000");
        assertThat(page.getElementById("what").text()).hasSize(2001);

        HttpResponse<String> script = post(Map.of("what", "Реестр парков",
                "why", "Для сайта <script>alert(1)</script>"));
        assertThat(script.statusCode()).isEqualTo(422);
        Document again = Jsoup.parse(script.body());
        assertThat(again.getElementById("why-error").text()).contains("«Для чего»", "HTML");
        assertThat(again.select("#form-errors li")).hasSize(1);
        // shown back as text, never as markup
        assertThat(again.getElementById("why").text()).isEqualTo("Для сайта <script>alert(1)</script>");
        assertThat(again.select("main script")).isEmpty();

        HttpResponse<String> link = post(Map.of("what", "Смотрите <a href=\"http://x\">тут</a>"));
        assertThat(link.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(link.body()).getElementById("what-error").text()).contains("«Какие данные нужны»");
        assertThat(post(Map.of("what", "")).statusCode()).isEqualTo(422);
        assertThat(post(Map.of("what", "Реестр", "email", "не адрес")).statusCode()).isEqualTo(422);
        assertThat(requests().count()).isEqualTo(before);

        // a lone '<' is text; control and invisible characters are dropped
        assertThat(post(Map.of("what", "Детские сады для детей < 3 лет\u0007\u202E")).statusCode()).isEqualTo(200);
        assertThat(requests().all().get(0).what()).isEqualTo("Детские сады для детей < 3 лет");
    }

    @Test
    void aPostFromAnotherSiteIsRefusedAndRegistersNothing() throws Exception {
        long before = requests().count();
        HttpResponse<String> origin = http.send(form().header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("what=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(origin.statusCode()).isEqualTo(403);
        HttpResponse<String> fetchSite = http.send(form().header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("what=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fetchSite.statusCode()).isEqualTo(403);
        HttpResponse<String> opaque = http.send(form().header("Origin", "null")
                .POST(HttpRequest.BodyPublishers.ofString("what=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opaque.statusCode()).isEqualTo(403);
        assertThat(requests().count()).isEqualTo(before);

        // the section's own page, reached directly or through its public address, is this site
        HttpResponse<String> own = http.send(form().header("Origin", "http://localhost:" + app.port())
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString("what=x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(200);
        HttpResponse<String> proxied = http.send(form().header("Origin", "https://opendata.example.ru")
                .POST(HttpRequest.BodyPublishers.ofString("what=y")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(requests().count()).isEqualTo(before + 2);
    }

    @Test
    void theFormsPostIsTheOnlyWriteOnThePublicSide() throws Exception {
        for (String path : List.of("/opendata/requests/new", "/opendata/", "/opendata/requests/З-2026-0001")) {
            assertThat(http.send(form().uri(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString("what=x"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).as(path).isIn(404, 405);
        }
        assertThat(http.send(form().PUT(HttpRequest.BodyPublishers.ofString("what=x")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
        HttpResponse<String> multipart = http.send(form().setHeader("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(415);
    }

    /** Presses «Отправить запрос». */
    static HtmlPage send(HtmlPage form) throws Exception {
        HtmlButton button = form.getFirstByXPath("//form[@id='request-form']//button[@type='submit']");
        return button.click();
    }

    static WebClient browser() {
        WebClient client = new WebClient();
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        return client;
    }

    static String url(String path) {
        return "http://localhost:" + app.port() + path;
    }

    static HttpRequest.Builder form() {
        return HttpRequest.newBuilder(URI.create(url("/opendata/requests/")))
                .header("Content-Type", "application/x-www-form-urlencoded");
    }

    static HttpResponse<String> post(Map<String, String> fields) throws Exception {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(form().POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
