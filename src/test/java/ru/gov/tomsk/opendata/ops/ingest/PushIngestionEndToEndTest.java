package ru.gov.tomsk.opendata.ops.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.support.Workbooks.row;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;
import ru.gov.tomsk.opendata.support.Workbooks;

/**
 * Push ingestion through the real application over real HTTP: an information system sends its dataset to
 * {@code POST /api/ingest/<feed>} with the feed's push token and is answered the outcome of the run. One application
 * start for the class; every scenario has a feed of its own, so their order does not matter.
 */
class PushIngestionEndToEndTest {

    static final String CSV = "7017069388-push_csv";
    static final String XLSX = "7017069388-push_xlsx";
    static final String REPLAY = "7017069388-push_replay";
    static final String GUARDS = "7017069388-push_guards";
    static final String BROKEN = "7017069388-push_broken";
    static final String LIMIT = "7017069388-push_limit";
    static final String LARGE = "7017069388-push_large";
    static final String DEADLINE = "7017069388-push_deadline";
    static final String FILE = "7017069388-push_not";
    static final String HOOK = "/hooks/opendata";
    /** 16:00 on 20 March in Tomsk. */
    static final Instant NOW = Instant.parse("2026-03-20T09:00:00Z");

    /** What every feed here publishes from the three organisations, byte for byte. */
    static final String PUBLISHED = "id,name,amount,opened\r\n"
            + "1,Школа № 1,1234.5,1990-09-01\r\n"
            + "2,\"МАОУ \"\"Гимназия № 2\"\"\",0,\r\n"
            + "3,\"Детский сад, корпус 2; филиал\",1000000,2015-06-15\r\n";
    /** The three organisations as Russian Excel saves a CSV: Windows-1251, ';', a decimal comma. */
    static final String EXCEL_TEXT = "id;name;amount;opened\r\n"
            + "1;Школа № 1;1234,50;01.09.1990\r\n"
            + "2;\"МАОУ \"\"Гимназия № 2\"\"\";0,00;\r\n"
            + "3;\"Детский сад, корпус 2; филиал\";1000000,00;15.06.2015\r\n";
    /** The same in UTF-8 with ',' and a decimal point, as a program writes it. */
    static final String UTF8_TEXT = "id,name,amount,opened\r\n"
            + "1,Школа № 1,1234.50,01.09.1990\r\n"
            + "2,\"МАОУ \"\"Гимназия № 2\"\"\",0,\r\n"
            + "3,\"Детский сад, корпус 2; филиал\",1000000.00,15.06.2015\r\n";
    static final String CSV_SOURCE = "  format: csv\n";

    @TempDir
    static Path home;
    static TestApp app;
    static MutableClock clock;
    static WireMockServer hook;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        PushFeeds.install(home, CSV, "  format: csv\n  separator: \";\"\n  charset: windows-1251\n", "0 0 3 * * ?", "");
        // the Excel CSV needs the decimal comma: a feed of its own kind of amount, installed over the common one
        Files.writeString(TestApp.feeds(home).resolve(CSV + ".yaml"), Files.readString(TestApp.feeds(home)
                .resolve(CSV + ".yaml")).replace("type: number }", "type: number, parse: decimal-comma }"));
        PushFeeds.install(home, XLSX, "  format: xlsx\n  sheet: Данные\n", "0 0 3 * * ?", "");
        PushFeeds.install(home, REPLAY, CSV_SOURCE, "0 0 3 * * ?", "");
        PushFeeds.install(home, GUARDS, CSV_SOURCE, "0 0 3 * * ?", "guards: { maxRejectedPercent: 10 }");
        PushFeeds.install(home, BROKEN, CSV_SOURCE, "0 0 3 * * ?", "");
        PushFeeds.install(home, LIMIT, CSV_SOURCE, "0 0 3 * * ?", "");
        PushFeeds.install(home, LARGE, CSV_SOURCE, "0 0 3 * * ?", "");
        // a push expected every morning at 06:00 in Tomsk
        PushFeeds.install(home, DEADLINE, CSV_SOURCE, "0 0 6 * * ?", "");
        Files.writeString(TestApp.feeds(home).resolve(FILE + ".yaml"), Files.readString(TestApp.feeds(home)
                .resolve(LIMIT + ".yaml")).replace(LIMIT, FILE)
                .replace("kind: push", "kind: file\n  directory: " + home.resolve("inbox")));

        hook = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hook.start();
        hook.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));
        Map<String, Object> props = new HashMap<>();
        props.put("opendata.push.max-size", "1MB");
        props.put("opendata.push.sync-threshold", "64KB");
        props.put("opendata.alerts.webhook-url", "http://localhost:" + hook.port() + HOOK);
        props.put("opendata.alerts.check-interval", "1h");
        clock = new MutableClock(NOW);
        app = TestApp.start(home, clock, props);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (hook != null) {
            hook.stop();
        }
    }

    @Test
    void aWindows1251CsvPushedWithTheTokenIssuedInTheConsolePublishes() throws Exception {
        String token;
        try (Console console = new Console(app.port())) {
            console.logIn(TestUsers.ADMIN);
            HtmlPage page = console.open("/admin/feeds/" + CSV);
            assertThat(Console.text(page, "push-token-none")).contains("Токена выгрузки нет");
            assertThat(page.getElementById("run-now")).as("a push feed has no run-now").isNull();
            HtmlPage issued = Console.click(page.getElementById("issue-push-token"));
            token = Console.text(issued, "push-token-secret");
            // shown once: the next visit shows when it was issued, never the token
            HtmlPage again = console.open("/admin/feeds/" + CSV);
            assertThat(again.getElementById("push-token-secret")).isNull();
            assertThat(again.asNormalizedText()).doesNotContain(token);
        }
        assertThat(token).matches("odp_[A-Za-z0-9_-]{43}");

        HttpResponse<String> answer = PushFeeds.push(app, CSV, token, EXCEL_TEXT.getBytes(Charset.forName("windows-1251")),
                null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(answer.body());
        assertThat(outcome.path("outcome").asText()).isEqualTo("published");
        assertThat(outcome.path("counts").toString()).isEqualTo("{\"read\":3,\"valid\":3,\"rejected\":0}");
        FeedRun run = app.runs(CSV).get(0);
        assertThat(run.status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(outcome.path("run").asLong()).isEqualTo(run.id());
        assertThat(outcome.path("version").asText()).isEqualTo(run.dataVersion());
        assertThat(PushFeeds.dataCsv(home, CSV)).hasBinaryContent(PUBLISHED.getBytes(StandardCharsets.UTF_8));
        assertThat(PushFeeds.dataCsv(home, CSV).getFileName().toString()).startsWith("data-" + run.dataVersion());
        // the spooled body is gone once its run has ended
        assertThat(Fixtures.snapshot(home.resolve("work/push"))).isEmpty();
    }

    @Test
    void anXlsxWorkbookPushedToAnXlsxFeedPublishesTheSameData() throws Exception {
        String token = app.bean(PushTokens.class).issue(XLSX, "test").secret();

        HttpResponse<String> answer = PushFeeds.push(app, XLSX, token, workbook(), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("outcome").asText()).isEqualTo("published");
        assertThat(PushFeeds.dataCsv(home, XLSX)).hasBinaryContent(PUBLISHED.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongTokenIs401AnotherFeedsTokenIs403AndAPushTokenOpensNothingElse() throws Exception {
        PushTokens tokens = app.bean(PushTokens.class);
        String mine = tokens.issue(BROKEN, "test").secret();
        String other = tokens.issue(LIMIT, "test").secret();
        byte[] body = UTF8_TEXT.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> none = PushFeeds.push(app, BROKEN, null, body, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"opendata-push\"");
        HttpResponse<String> wrong = PushFeeds.push(app, BROKEN, mine.substring(0, 40) + "AAAAAAA", body, null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"opendata-push\", error=\"invalid_token\"");
        assertThat(wrong.body()).contains("not a push token of this service");
        HttpResponse<String> foreign = PushFeeds.push(app, BROKEN, other, body, null);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("the push token of feed " + LIMIT + ", not of feed " + BROKEN);
        assertThat(app.runs(BROKEN)).as("no run for refused pushes").isEmpty();

        // a feed the service reads itself takes no pushes, whatever the token
        HttpResponse<String> notPush = PushFeeds.push(app, FILE, mine, body, null);
        assertThat(notPush.statusCode()).isEqualTo(404);
        assertThat(notPush.body()).contains("is not a push feed").contains("'file'");
        // the push token is no key to the admin API, the actuator or the API description
        for (String path : List.of("/api/admin/feeds", "/actuator/prometheus", "/v3/api-docs")) {
            assertThat(PushFeeds.get(app, path, "Bearer " + mine).statusCode()).as(path).isEqualTo(401);
        }
        // a rotated token stops working at once
        String rotated = tokens.issue(BROKEN, "test").secret();
        assertThat(PushFeeds.push(app, BROKEN, mine, body, null).statusCode()).isEqualTo(401);
        assertThat(PushFeeds.push(app, BROKEN, rotated, "nothing,useful\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8),
                null).statusCode()).isEqualTo(422);
    }

    @Test
    void theAdminApiIssuesAndRevokesAPushTokenForAnAdminOnly() throws Exception {
        String path = "/api/admin/feeds/" + BROKEN + "/push-token";
        HttpResponse<String> operator = adminCall(path, TestUsers.OPERATOR, "POST");
        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(adminCall("/api/admin/feeds/" + FILE + "/push-token", TestUsers.ADMIN, "POST").statusCode())
                .isEqualTo(409);

        HttpResponse<String> issued = adminCall(path, TestUsers.ADMIN, "POST");

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode view = JSON.readTree(issued.body());
        assertThat(view.path("pushUrl").asText()).isEqualTo("/api/ingest/" + BROKEN);
        String token = view.path("token").asText();
        byte[] bad = "code\r\n1\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(PushFeeds.push(app, BROKEN, token, bad, null).statusCode()).isEqualTo(422);
        assertThat(adminCall(path, TestUsers.ADMIN, "DELETE").statusCode()).isEqualTo(204);
        assertThat(PushFeeds.push(app, BROKEN, token, bad, null).statusCode()).isEqualTo(401);
        assertThat(adminCall(path, TestUsers.ADMIN, "DELETE").statusCode()).isEqualTo(404);
    }

    @Test
    void aBodyThatIsNotTheDatasetIsRejectedWith422NamingWhy() throws Exception {
        String token = app.bean(PushTokens.class).issue(BROKEN, "test").secret();

        HttpResponse<String> answer = PushFeeds.push(app, BROKEN, token,
                "code,title\r\n1,Школа\r\n".getBytes(StandardCharsets.UTF_8), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        JsonNode outcome = JSON.readTree(answer.body());
        assertThat(outcome.path("outcome").asText()).isEqualTo("rejected");
        assertThat(outcome.path("message").asText()).contains("id");
        assertThat(app.runs(BROKEN).get(0).status()).isEqualTo(RunStatus.FAILED);
        assertThat(PushFeeds.dataCsv(home, BROKEN)).isNull();
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameAnswerAndPublishesNothingNew() throws Exception {
        String token = app.bean(PushTokens.class).issue(REPLAY, "test").secret();
        byte[] body = UTF8_TEXT.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = PushFeeds.push(app, REPLAY, token, body, "export-2026-03-20");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("outcome").asText()).isEqualTo("published");
        Map<String, String> published = Fixtures.snapshot(TestApp.portal(home).resolve(REPLAY));
        int runs = app.runs(REPLAY).size();

        HttpResponse<String> retry = PushFeeds.push(app, REPLAY, token, body, "export-2026-03-20");

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(app.runs(REPLAY)).as("no second run").hasSize(runs);
        assertThat(Fixtures.snapshot(TestApp.portal(home).resolve(REPLAY))).isEqualTo(published);

        // the same key with other data is a mistake of the client, said as such
        HttpResponse<String> other = PushFeeds.push(app, REPLAY, token,
                UTF8_TEXT.replace("Школа № 1", "Школа № 10").getBytes(StandardCharsets.UTF_8), "export-2026-03-20");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("Idempotency-Key 'export-2026-03-20' was used by push")
                .contains("with another body");
        assertThat(app.runs(REPLAY)).hasSize(runs);
        assertThat(Fixtures.snapshot(TestApp.portal(home).resolve(REPLAY))).isEqualTo(published);
    }

    @Test
    void aPushThatBreaksTheGuardsIsHeldWithItsRejects() throws Exception {
        String token = app.bean(PushTokens.class).issue(GUARDS, "test").secret();
        String body = "id,name,amount,opened\r\n1,Школа № 1,1,\r\n2,Школа № 2,два,\r\n3,Школа № 3,3,\r\n"
                + "4,,4,\r\n5,Школа № 5,5,\r\n";

        HttpResponse<String> answer = PushFeeds.push(app, GUARDS, token, body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(answer.body());
        assertThat(outcome.path("outcome").asText()).isEqualTo("held");
        assertThat(outcome.path("counts").toString()).isEqualTo("{\"read\":5,\"valid\":3,\"rejected\":2}");
        assertThat(outcome.path("message").asText()).contains("40.0% of the records were rejected (2 of 5)");
        assertThat(outcome.path("heldVersion").asLong()).isPositive();
        assertThat(outcome.has("version")).isFalse();
        JsonNode rejects = outcome.path("rejects");
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0).path("row").asLong()).isEqualTo(2);
        assertThat(rejects.get(0).path("field").asText()).isEqualTo("amount");
        assertThat(rejects.get(1).path("row").asLong()).isEqualTo(4);
        assertThat(rejects.get(1).path("field").asText()).isEqualTo("name");
        assertThat(app.runs(GUARDS).get(0).status()).isEqualTo(RunStatus.HELD);
        assertThat(PushFeeds.dataCsv(home, GUARDS)).as("nothing published").isNull();
    }

    @Test
    void aBodyAboveTheLimitIs413AndNothingRuns() throws Exception {
        String token = app.bean(PushTokens.class).issue(LIMIT, "test").secret();
        byte[] tooLarge = rows(1, 40_000);
        assertThat(tooLarge.length).isGreaterThan(1024 * 1024);

        // with its length declared: refused before it is read
        HttpResponse<String> declared = PushFeeds.push(app, LIMIT, token, tooLarge, null);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("larger than the limit of 1048576 bytes");
        // chunked, of unknown length: refused once the limit is passed
        HttpResponse<String> chunked = PushFeeds.pushStream(app, LIMIT, token, () -> new ByteArrayInputStream(tooLarge), null);
        assertThat(chunked.statusCode()).isEqualTo(413);

        assertThat(app.runs(LIMIT)).isEmpty();
        assertThat(PushFeeds.dataCsv(home, LIMIT)).isNull();
        assertThat(Fixtures.snapshot(home.resolve("work/push"))).isEmpty();
    }

    @Test
    void aLargePushIsAccepted202AndItsOutcomeIsAtTheStatusUrl() throws Exception {
        String token = app.bean(PushTokens.class).issue(LARGE, "test").secret();
        byte[] body = rows(1, 5_000);
        assertThat(body.length).isGreaterThan(64 * 1024);

        // while another push of the feed runs, a push is refused, not queued
        PushRequests requests = app.bean(PushRequests.class);
        long running = requests.start(LARGE, null, "0".repeat(64), 1);
        assertThat(requests.lock(LARGE, running, "test-node")).isTrue();
        HttpResponse<String> conflict = PushFeeds.push(app, LARGE, token, body, null);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Retry-After")).hasValue("60");
        requests.unlock(LARGE, running);

        HttpResponse<String> accepted = PushFeeds.push(app, LARGE, token, body, "large-1");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/api/ingest/" + LARGE + "/pushes/\\d+");
        assertThat(JSON.readTree(accepted.body()).path("status").asText()).isEqualTo(location);
        // another feed's token does not read it
        String foreign = app.bean(PushTokens.class).issue(XLSX, "test").secret();
        assertThat(PushFeeds.get(app, location, "Bearer " + foreign).statusCode()).isEqualTo(403);

        HttpResponse<String>[] done = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            done[0] = PushFeeds.get(app, location, "Bearer " + token);
            return done[0].statusCode() != 202;
        });
        assertThat(done[0].statusCode()).as(done[0].body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(done[0].body());
        assertThat(outcome.path("outcome").asText()).isEqualTo("published");
        assertThat(outcome.path("counts").path("valid").asLong()).isEqualTo(5_000);
        assertThat(Files.readAllLines(PushFeeds.dataCsv(home, LARGE))).hasSize(5_001);
        // a retry of the large push gets the final answer
        HttpResponse<String> retry = PushFeeds.push(app, LARGE, token, body, "large-1");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(done[0].body());
    }

    @Test
    void aPushThatDoesNotComeWhenTheScheduleExpectsItMakesTheFeedAtRiskThenOverdueWithAlerts() throws Exception {
        String token = app.bean(PushTokens.class).issue(DEADLINE, "test").secret();
        FeedStatuses statuses = app.bean(FeedStatuses.class);
        try {
            assertThat(PushFeeds.push(app, DEADLINE, token, UTF8_TEXT.getBytes(StandardCharsets.UTF_8), null).statusCode())
                    .isEqualTo(200);
            assertThat(statuses.of(DEADLINE).orElseThrow().condition()).isEqualTo(FeedCondition.OK);
            // the next push is expected at 06:00 on 21 March in Tomsk (23:00 UTC); no push-source job exists
            assertThat(statuses.of(DEADLINE).orElseThrow().nextFireAt()).isEqualTo("2026-03-20T23:00:00Z");

            // within the hour of grace it is not late yet
            clock.set("2026-03-20T23:59:00Z");
            assertThat(statuses.of(DEADLINE).orElseThrow().condition()).isEqualTo(FeedCondition.OK);
            clock.set("2026-03-21T00:01:00Z");
            var late = statuses.of(DEADLINE).orElseThrow();
            assertThat(late.condition()).isEqualTo(FeedCondition.AT_RISK);
            assertThat(late.reason()).contains("no push since the one expected at 2026-03-20T23:00:00Z");
            try (Console console = new Console(app.port())) {
                console.logIn(TestUsers.VIEWER);
                assertThat(Console.text(console.open("/admin/feeds/" + DEADLINE), "reason"))
                        .isEqualTo("Выгрузка из информационной системы не поступила к ожидаемому сроку; срок обновления —"
                                + " до 25.06.2026.");
            }
            app.bean(ru.gov.tomsk.opendata.ops.FeedAlerts.class).check();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(posted("AT_RISK", "no push since")).isEqualTo(1));

            // the quarter's deadline (25 June) passes without a push: overdue
            clock.set("2026-06-25T18:00:00Z");
            assertThat(statuses.of(DEADLINE).orElseThrow().condition()).isEqualTo(FeedCondition.OVERDUE);
            app.bean(ru.gov.tomsk.opendata.ops.FeedAlerts.class).check();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(posted("OVERDUE", "overdue")).isEqualTo(1));
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void theEndpointIsInTheOpenApiDescriptionWithItsOwnToken() throws Exception {
        HttpResponse<String> docs = PushFeeds.get(app, "/v3/api-docs", TestUsers.basic(TestUsers.VIEWER));

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = JSON.readTree(docs.body());
        JsonNode push = api.path("paths").path("/api/ingest/{feed}").path("post");
        assertThat(push.path("security").toString()).isEqualTo("[{\"pushToken\":[]}]");
        assertThat(push.path("responses").has("413")).isTrue();
        assertThat(push.path("requestBody").path("content").has("text/csv")).isTrue();
        assertThat(api.path("paths").has("/api/ingest/{feed}/pushes/{push}")).isTrue();
        assertThat(api.path("components").path("securitySchemes").path("pushToken").path("scheme").asText())
                .isEqualTo("bearer");
    }

    // --- helpers

    /** The alerts of the deadline feed posted to the webhook, of this kind and with this in their message. */
    private static long posted(String event, String message) {
        return hook.findAll(postRequestedFor(urlEqualTo(HOOK))
                        .withRequestBody(matchingJsonPath("$.event", equalTo(event)))
                        .withRequestBody(matchingJsonPath("$.feed", equalTo(DEADLINE)))
                        .withRequestBody(matchingJsonPath("$.message", containing(message))))
                .size();
    }

    private static HttpResponse<String> adminCall(String path, String user, String method) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(PushFeeds.url(app, path))
                .header("Authorization", TestUsers.basic(user))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A UTF-8 CSV of organisations {@code from}…{@code to}. */
    static byte[] rows(int from, int to) {
        StringBuilder csv = new StringBuilder("id,name,amount,opened\r\n");
        for (int i = from; i <= to; i++) {
            csv.append(i).append(",Организация № ").append(i).append(" Томской области,").append(i).append(".5,\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The three organisations as a workbook whose data is on its second sheet. */
    private static byte[] workbook() throws IOException {
        return Workbooks.xlsx(book -> {
            row(book.createSheet("Титул"), 0, "Выгрузка организаций на 20.03.2026");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd.mm.yyyy"));
            Sheet sheet = book.createSheet("Данные");
            row(sheet, 0, "id", "name", "amount", "opened");
            row(sheet, 1, 1, "Школа № 1", 1234.5, LocalDate.of(1990, 9, 1)).getCell(3).setCellStyle(date);
            row(sheet, 2, 2, "МАОУ \"Гимназия № 2\"", 0);
            row(sheet, 3, 3, "Детский сад, корпус 2; филиал", 1_000_000, LocalDate.of(2015, 6, 15))
                    .getCell(3).setCellStyle(date);
        });
    }
}
