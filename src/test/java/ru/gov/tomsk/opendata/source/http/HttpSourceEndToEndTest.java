package ru.gov.tomsk.opendata.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The {@code http} source kind through the real application (Quartz job, route template, httpRecords bean,
 * pipeline, catalogue) against WireMock as the API: every pagination style, retries, authentication, and the
 * failures that must leave the published version alone and keep credentials out of logs and run messages.
 *
 * <p>One application serves every test (a start costs seconds); each test has a feed and URL path of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpSourceEndToEndTest {

    static final String TOKEN = "tok-9f8e7d6c5b4a3921";
    static final String PASSWORD = "pw-Zx81-secret";
    static final String API_KEY = "key-0a1b2c3d4e5f";

    @TempDir
    static Path home;
    static WireMockServer api;
    static TestApp app;

    @BeforeAll
    static void start() throws IOException {
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        api.start();
        String base = api.baseUrl();
        // small retry delays keep the suite fast; Retry-After still makes the API's own wait real
        String fastRetry = "  retryDelay: 10ms\n  maxRetryDelay: 2s\n";
        feed("page", """
                  url: %s/page/items
                  pagination: page
                  pageSize: 2
                  path: items
                """.formatted(base));
        feed("offset", """
                  url: "%s/offset/items?from={offset}&count={limit}"
                  pagination: offset
                  pageSize: 2
                  path: data.rows
                """.formatted(base));
        feed("nextlink", """
                  url: %s/next/items
                  pagination: nextLink
                  nextLinkPath: links.next
                  path: results
                """.formatted(base));
        feed("linkheader", """
                  url: %s/link/items
                  pagination: linkHeader
                """.formatted(base));
        feed("cursor", """
                  url: %s/cursor/search
                  method: POST
                  body: '{"cursor": "{cursor}", "limit": 2}'
                  pagination: cursor
                  cursorPath: meta.next_cursor
                  path: data
                """.formatted(base));
        feed("retry503", """
                  url: %s/retry503/items
                  headers: "X-Api-Key: {apiKey}; Accept: application/json; charset=utf-8"
                  apiKey: ${HTTP_TEST_API_KEY}
                """.formatted(base) + fastRetry);
        feed("retry429", """
                  url: %s/retry429/items
                """.formatted(base) + fastRetry);
        feed("unauthorized", """
                  url: %s/unauthorized/items
                """.formatted(base) + fastRetry);
        feed("bearer", """
                  url: %s/bearer/items
                  token: ${HTTP_TEST_TOKEN}
                """.formatted(base));
        feed("leak", """
                  url: "%s/leak/items?api_key={apiKey}&format=json"
                  token: ${HTTP_TEST_TOKEN}
                  apiKey: ${HTTP_TEST_API_KEY}
                """.formatted(base) + fastRetry);
        feed("basic", """
                  url: %s/basic/items
                  username: reader
                  password: ${HTTP_TEST_PASSWORD}
                """.formatted(base));
        feed("endless", """
                  url: %s/endless/items
                  pagination: page
                  maxPages: 3
                """.formatted(base));
        feed("flaky", """
                  url: %s/flaky/items
                  pagination: page
                  pageSize: 2
                """.formatted(base) + fastRetry);
        Map<String, Object> properties = new HashMap<>();
        // the feeds' ${ENV} placeholders resolve against the environment, properties included
        properties.put("HTTP_TEST_TOKEN", TOKEN);
        properties.put("HTTP_TEST_PASSWORD", PASSWORD);
        properties.put("HTTP_TEST_API_KEY", API_KEY);
        app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), properties);
        // debug lines name every request: they must be as free of secrets as the rest (set here, since the
        // logging system is configured before TestApp's properties are added)
        app.bean(LoggingSystem.class).setLogLevel("ru.gov.tomsk.opendata.source.http", LogLevel.DEBUG);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (api != null) {
            api.stop();
        }
    }

    @Test
    void pageAndSizeUntilAnEmptyPage() throws IOException {
        api.stubFor(get(urlPathEqualTo("/page/items")).withQueryParam("page", equalTo("1")).withQueryParam("size", equalTo("2"))
                .willReturn(okJson("{\"total\": 3, \"items\": [{\"id\": 1, \"name\": \"Школа № 1\"}, {\"id\": 2, \"name\": \"Школа № 2\"}]}")));
        api.stubFor(get(urlPathEqualTo("/page/items")).withQueryParam("page", equalTo("2")).withQueryParam("size", equalTo("2"))
                .willReturn(okJson("{\"total\": 3, \"items\": [{\"id\": 3, \"name\": \"Школа № 3\"}]}")));
        api.stubFor(get(urlPathEqualTo("/page/items")).withQueryParam("page", equalTo("3"))
                .willReturn(okJson("{\"total\": 3, \"items\": []}")));

        FeedRun run = app.run(id("page"));

        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(rows("page")).containsExactly("id,name", "1,Школа № 1", "2,Школа № 2", "3,Школа № 3");
        // the short second page did not end paging: only the empty third one did
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/page/items")))).hasSize(3);
    }

    @Test
    void offsetAndLimitInPlaceholdersAdvanceByTheRecordsRead() throws IOException {
        api.stubFor(get(urlPathEqualTo("/offset/items")).withQueryParam("from", equalTo("0")).withQueryParam("count", equalTo("2"))
                .willReturn(okJson("{\"data\": {\"rows\": [{\"id\": 10, \"name\": \"a\", \"geo\": {\"lat\": 56.5}}, {\"id\": 11, \"name\": \"b\"}]}}")));
        api.stubFor(get(urlPathEqualTo("/offset/items")).withQueryParam("from", equalTo("2"))
                .willReturn(okJson("{\"data\": {\"rows\": [{\"id\": 12, \"name\": \"c\"}]}}")));
        api.stubFor(get(urlPathEqualTo("/offset/items")).withQueryParam("from", equalTo("3"))
                .willReturn(okJson("{\"data\": {\"rows\": []}}")));

        FeedRun run = app.run(id("offset"));

        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(rows("offset")).containsExactly("id,name", "10,a", "11,b", "12,c");
    }

    @Test
    void nextLinkInTheBodyRelativeOrAbsoluteUntilNull() throws IOException {
        api.stubFor(get(urlPathEqualTo("/next/items")).withQueryParam("after", equalTo("2")).atPriority(1)
                .willReturn(okJson("{\"results\": [{\"id\": 3, \"name\": \"c\"}], \"links\": {\"next\": \""
                        + api.baseUrl() + "/next/items?after=3\"}}")));
        api.stubFor(get(urlPathEqualTo("/next/items")).withQueryParam("after", equalTo("3")).atPriority(1)
                .willReturn(okJson("{\"links\": {\"next\": null}, \"results\": [{\"id\": 4, \"name\": \"d\"}]}")));
        api.stubFor(get(urlPathEqualTo("/next/items")).atPriority(5)
                .willReturn(okJson("{\"results\": [{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}],"
                        + " \"links\": {\"next\": \"/next/items?after=2\"}}")));

        FeedRun run = app.run(id("nextlink"));

        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(rows("nextlink")).containsExactly("id,name", "1,a", "2,b", "3,c", "4,d");
    }

    @Test
    void linkHeaderRelNext() throws IOException {
        String page2 = api.baseUrl() + "/link/items?page=2";
        api.stubFor(get(urlPathEqualTo("/link/items")).withQueryParam("page", equalTo("2")).atPriority(1)
                .willReturn(okJson("[{\"id\": 3, \"name\": \"c\"}]")
                        .withHeader("Link", "<" + api.baseUrl() + "/link/items?page=1>; rel=\"prev first\"")));
        api.stubFor(get(urlPathEqualTo("/link/items")).atPriority(5)
                .willReturn(okJson("[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}]")
                        .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\"")));

        FeedRun run = app.run(id("linkheader"));

        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(rows("linkheader")).containsExactly("id,name", "1,a", "2,b", "3,c");
    }

    @Test
    void cursorSentBackInThePostBodyUntilNoneIsReturned() throws IOException {
        api.stubFor(post(urlPathEqualTo("/cursor/search")).withRequestBody(equalToJson("{\"cursor\": \"\", \"limit\": 2}"))
                .willReturn(okJson("{\"data\": [{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}],"
                        + " \"meta\": {\"next_cursor\": \"c/2=\\\"x\\\"\"}}")));
        api.stubFor(post(urlPathEqualTo("/cursor/search")).withRequestBody(equalToJson("{\"cursor\": \"c/2=\\\"x\\\"\", \"limit\": 2}"))
                .willReturn(okJson("{\"data\": [{\"id\": 3, \"name\": \"c\"}], \"meta\": {\"next_cursor\": \"\"}}")));

        FeedRun run = app.run(id("cursor"));

        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(rows("cursor")).containsExactly("id,name", "1,a", "2,b", "3,c");
        api.verify(2, postRequestedFor(urlPathEqualTo("/cursor/search")).withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void a503IsRetriedAndTheHeadersAreSent() throws IOException {
        api.stubFor(get(urlPathEqualTo("/retry503/items")).inScenario("503").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("maintenance")).willSetStateTo("up"));
        api.stubFor(get(urlPathEqualTo("/retry503/items")).inScenario("503").whenScenarioStateIs("up")
                .withHeader("X-Api-Key", equalTo(API_KEY)).withHeader("Accept", equalTo("application/json; charset=utf-8"))
                .willReturn(okJson("[{\"id\": 1, \"name\": \"a\"}]")));

        FeedRun run = app.run(id("retry503"));

        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/retry503/items")))).hasSize(2);
        assertThat(rows("retry503")).containsExactly("id,name", "1,a");
    }

    @Test
    void a429WaitsOutItsRetryAfter() throws IOException {
        api.stubFor(get(urlPathEqualTo("/retry429/items")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("allowed"));
        api.stubFor(get(urlPathEqualTo("/retry429/items")).inScenario("429").whenScenarioStateIs("allowed")
                .willReturn(okJson("[{\"id\": 1, \"name\": \"a\"}]")));

        FeedRun run = app.run(id("retry429"));

        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        List<LoggedRequest> requests = api.findAll(getRequestedFor(urlPathEqualTo("/retry429/items"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertThat(requests).hasSize(2);
        // Retry-After: 1 wins over the feed's 10 ms backoff
        assertThat(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1000);
    }

    @Test
    void a401FailsAtOnceWithTheStatusAndAnExcerpt() {
        String body = "{\"error\": \"invalid_client\", \"detail\": \"" + "x".repeat(1000) + "\"}";
        api.stubFor(get(urlPathEqualTo("/unauthorized/items")).willReturn(aResponse().withStatus(401).withBody(body)));

        FeedRun run = app.run(id("unauthorized"));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.message()).startsWith("source failed:")
                .contains("/unauthorized/items", "HTTP 401 Unauthorized", "{\"error\": \"invalid_client\"", "not retried")
                .doesNotContain("x".repeat(300));
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/unauthorized/items")))).hasSize(1);
    }

    @Test
    void credentialsAreSentButNeverLoggedNorInRunMessages(CapturedOutput output) throws IOException {
        api.stubFor(get(urlPathEqualTo("/bearer/items")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("[{\"id\": 1, \"name\": \"a\"}]")));
        api.stubFor(get(urlPathEqualTo("/basic/items")).withBasicAuth("reader", PASSWORD)
                .willReturn(okJson("[{\"id\": 2, \"name\": \"b\"}]")));
        // an API that echoes what it was given, in a refusal that is quoted in the run's message
        api.stubFor(get(urlPathEqualTo("/leak/items")).withQueryParam("api_key", equalTo(API_KEY))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(403).withBody("token " + TOKEN + " may not read /leak/items?api_key="
                        + API_KEY + "&format=json")));

        assertThat(app.run(id("bearer")).status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(rows("bearer")).containsExactly("id,name", "1,a");
        assertThat(app.run(id("basic")).status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(rows("basic")).containsExactly("id,name", "2,b");
        FeedRun refused = app.run(id("leak"));

        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.message()).contains("HTTP 403 Forbidden", "api_key=***", "token *** may not read")
                .doesNotContain(TOKEN, API_KEY);
        assertThat(output.getAll()).contains("/leak/items", "GET " + api.baseUrl() + "/bearer/items (page 1) → 200")
                .doesNotContain(TOKEN, API_KEY, PASSWORD);
    }

    @Test
    void moreThanMaxPagesFailsTheRunAndPublishesNothing() {
        api.stubFor(get(urlPathEqualTo("/endless/items")).willReturn(okJson("[{\"id\": 1, \"name\": \"a\"}]")));

        FeedRun run = app.run(id("endless"));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.message()).contains("more than maxPages 3 pages", "incomplete");
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/endless/items")))).hasSize(3);
        // the run staged its files in the dataset's folder and removed them: nothing is published
        assertThat(Fixtures.snapshot(TestApp.portal(home).resolve(id("endless")))).isEmpty();
    }

    @Test
    void aFailureOnALaterPageKeepsTheLastGoodVersionPublished() throws IOException {
        api.stubFor(get(urlPathEqualTo("/flaky/items")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}]")));
        api.stubFor(get(urlPathEqualTo("/flaky/items")).withQueryParam("page", equalTo("2")).willReturn(okJson("[]")));
        assertThat(app.run(id("flaky")).status()).isEqualTo(RunStatus.PUBLISHED);
        Map<String, String> published = Fixtures.snapshot(TestApp.portal(home).resolve(id("flaky")));

        // the first page is new, the second never comes: what was read must not be published as the dataset
        api.stubFor(get(urlPathEqualTo("/flaky/items")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("[{\"id\": 1, \"name\": \"changed\"}, {\"id\": 5, \"name\": \"e\"}]")));
        api.stubFor(get(urlPathEqualTo("/flaky/items")).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withStatus(500).withBody("database is down")));
        FeedRun failed = app.run(id("flaky"));

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).contains("page 2", "HTTP 500 Internal Server Error", "database is down", "after 6 attempt(s)");
        assertThat(Fixtures.snapshot(TestApp.portal(home).resolve(id("flaky")))).isEqualTo(published);
        assertThat(rows("flaky")).containsExactly("id,name", "1,a", "2,b");
    }

    static String id(String code) {
        return "7017069388-http_" + code;
    }

    /** The lines of the feed's newest published CSV data file. */
    static List<String> rows(String code) throws IOException {
        Path dir = TestApp.portal(home).resolve(id(code));
        try (Stream<Path> files = Files.list(dir)) {
            Path newest = files.filter(f -> f.getFileName().toString().matches("data-.*\\.csv"))
                    .max(Comparator.comparing(f -> f.getFileName().toString())).orElseThrow();
            return Fixtures.lines(newest);
        }
    }

    static void feed(String code, String source) throws IOException {
        String yaml = """
                identifier: %s
                title: Тестовый набор HTTP (%s)
                description: Записи из HTTP API
                creator: Департамент тестирования Томской области
                subject: [тест, http]
                publisher: { name: Иванова Анна Петровна, phone: "+7 3822 000000", email: opendata@example.ru }
                frequency: daily
                schedule: "0 0 3 * * ?"
                formats: [csv]
                source:
                  kind: http
                %sstructure:
                  key: [id]
                  fields:
                    - { name: id,   en: Identifier, ru: Идентификатор, type: integer, required: true }
                    - { name: name, en: Name,       ru: Наименование,  type: string,  required: true }
                """.formatted(id(code), code, source);
        Files.writeString(TestApp.feeds(home).resolve(id(code) + ".yaml"), yaml);
    }
}
