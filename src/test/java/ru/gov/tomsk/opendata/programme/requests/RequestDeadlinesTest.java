package ru.gov.tomsk.opendata.programme.requests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.ops.AlertLedger;
import ru.gov.tomsk.opendata.ops.FeedEvent;
import ru.gov.tomsk.opendata.ops.FeedEventKind;
import ru.gov.tomsk.opendata.ops.api.AdminClient;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * A request's 30-day deadline crossing at-risk and overdue on a fixed clock, in the region's calendar (Asia/Tomsk,
 * UTC+7; the instants are chosen so that the UTC date would give other answers), as the admin API, the console, the
 * metrics and the health contributor say it, with each alert raised once and posted to the webhook.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestDeadlinesTest {

    static final String HOOK = "/hook";

    @TempDir
    Path home;
    WireMockServer receiver;

    @BeforeEach
    void receiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    @Test
    void theDeadlineCrossesAtRiskAndOverdueOnTheRegionsCalendar(CapturedOutput output) throws Exception {
        // 18:30 UTC on 1 March is 01:30 on 2 March in Tomsk: registered on day 0 = 2 March, due 1 April
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T18:30:00Z"));
        Map<String, Object> properties = new HashMap<>();
        properties.put("opendata.alerts.webhook-url", "http://localhost:" + receiver.port() + HOOK);
        properties.put("opendata.alerts.check-interval", "1h"); // the test checks when it wants to
        properties.put("opendata.metrics.refresh-interval", "1h");
        try (TestApp app = TestApp.start(home, clock, properties); Console console = new Console(app.port())) {
            DataRequest request = app.bean(DataRequests.class).register(new NewRequest("Расписание пригородных "
                    + "автобусов", "Планировать поездки", "ivan.petrov@example.ru", true, "key-1"));
            String number = request.number();
            assertThat(number).isEqualTo("З-2026-0001");
            assertThat(request.dueOn()).hasToString("2026-04-01");
            AdminClient api = new AdminClient(app.port());
            RequestAlerts alerts = app.bean(RequestAlerts.class);
            HtmlPage overview = console.logIn(TestUsers.VIEWER);

            // day 22 (24 March): 8 days left, on time
            clock.set("2026-03-24T12:00:00Z");
            assertState(app, api, console, number, "ON_TIME", 8, "✓ в срок");
            assertThat(alerts.check()).isEmpty();

            // 18:00 UTC on 24 March is 25 March in Tomsk, day 23: 7 days left, at risk (in UTC it would still be 8)
            clock.set("2026-03-24T18:00:00Z");
            assertState(app, api, console, number, "AT_RISK", 7, "! под угрозой");
            assertThat(alerts.check()).extracting(FeedEvent::kind, FeedEvent::feed)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(FeedEventKind.REQUEST_AT_RISK, number));
            assertThat(alerts.check()).isEmpty();
            assertThat(health(api)).contains("\"status\":\"UP\"").contains("\"atRisk\":{\"" + number
                    + "\":\"2026-04-01\"}");
            // day 24: still at risk, no second alert
            clock.set("2026-03-26T03:00:00Z");
            assertState(app, api, console, number, "AT_RISK", 6, "! под угрозой");
            assertThat(alerts.check()).isEmpty();
            // the deadline day itself is still in time
            clock.set("2026-04-01T16:59:00Z");
            assertState(app, api, console, number, "AT_RISK", 0, "! под угрозой");

            // 17:30 UTC on 1 April is 00:30 on 2 April in Tomsk, day 31: overdue (UTC would say still due today)
            clock.set("2026-04-01T17:30:00Z");
            assertState(app, api, console, number, "OVERDUE", -1, "✗ просрочен");
            assertThat(alerts.check()).extracting(FeedEvent::kind).containsExactly(FeedEventKind.REQUEST_OVERDUE);
            assertThat(alerts.check()).isEmpty();
            clock.set("2026-04-05T03:00:00Z");
            assertThat(alerts.check()).isEmpty();
            assertThat(app.bean(AlertLedger.class).count(number, FeedEventKind.REQUEST_AT_RISK)).isEqualTo(1);
            assertThat(app.bean(AlertLedger.class).count(number, FeedEventKind.REQUEST_OVERDUE)).isEqualTo(1);
            String degraded = health(api);
            assertThat(degraded).contains("\"status\":\"DEGRADED\"").contains("\"overdue\":{\"" + number
                    + "\":\"2026-04-01\"}").contains("\"overdue\":1").doesNotContain("example.ru");

            // the webhook got each once, with the number and the deadline, and nothing of the text or the contact
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(posted("REQUEST_AT_RISK")).isEqualTo(1);
                assertThat(posted("REQUEST_OVERDUE")).isEqualTo(1);
            });
            receiver.verify(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(equalToJson("""
                    {"service":"opendata-bridge","event":"REQUEST_OVERDUE","severity":"critical","feed":"%s",
                     "title":"Запрос на новый набор данных № %s","condition":null,
                     "message":"overdue: request %s was to be answered by 2026-04-01",
                     "deadline":"2026-04-01","runId":null,"occurredAt":"2026-04-01T17:30:00Z"}"""
                    .formatted(number, number, number))));
            assertThat(output.getAll()).contains("ALERT REQUEST_OVERDUE request " + number)
                    .doesNotContain("ivan.petrov@example.ru");
            assertThat(output.getAll().split("ALERT REQUEST_AT_RISK request ", -1)).hasSize(2);

            // the overview's line, and the list's filters
            HtmlPage refreshed = console.open("/admin/");
            assertThat(Console.text(refreshed, "requests-summary")).contains("ждут ответа 1")
                    .contains("просрочено 1");
            assertThat(Console.texts(console.open("/admin/requests?filter=overdue"), "#requests tbody tr td.id"))
                    .containsExactly(number);

            // answered two days late: answered late, out of the open and overdue lists and series
            app.bean(DataRequests.class).answer(number, RequestOutcome.PLANNED, null, null,
                    java.time.LocalDate.parse("2026-06-01"), "operator");
            assertState(app, api, console, number, "ANSWERED_LATE", -4, "! отвечен с опозданием");
            assertThat(console.open("/admin/requests").getElementById("requests-empty")).isNotNull();
            assertThat(Console.texts(console.open("/admin/requests?filter=all"), "#requests tbody tr td.id"))
                    .containsExactly(number);
            assertThat(health(api)).contains("\"status\":\"UP\"");
            assertThat(alerts.check()).isEmpty();
            assertThat(overview).isNotNull();
        }
    }

    /** The same status in the API, the console's list and page, the metrics. */
    private static void assertState(TestApp app, AdminClient api, Console console, String number, String status,
                                    long daysLeft, String russian) throws Exception {
        JsonNode one = AdminClient.json(api.get("/api/admin/requests/" + encode(number), TestUsers.VIEWER));
        assertThat(one.get("status").asText()).isEqualTo(status);
        assertThat(one.get("daysLeft").asLong()).isEqualTo(daysLeft);
        JsonNode list = AdminClient.json(api.get("/api/admin/requests?filter=all", TestUsers.VIEWER));
        assertThat(list.get(0).get("status").asText()).isEqualTo(status);

        HtmlPage page = console.open("/admin/requests?filter=all");
        assertThat(page.querySelector("#requests tbody tr").getAttributes().getNamedItem("data-status").getNodeValue())
                .isEqualTo(status);
        assertThat(Console.texts(page, "#requests tbody tr td span.state")).containsExactly(russian);
        assertThat(Console.text(console.open("/admin/requests/" + encode(number)), "deadline-status")).isEqualTo(russian);

        app.bean(RequestMetrics.class).refresh();
        String exposition = scrape(app);
        for (RequestStatus s : RequestStatus.values()) {
            assertThat(exposition).as(s.name()).contains("opendata_data_requests{state=\"" + s.metricLabel() + "\"} "
                    + (s.name().equals(status) ? "1.0" : "0.0"));
        }
    }

    static String scrape(TestApp app) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + app.port() + "/actuator/prometheus")).header("Authorization", TestUsers.basic(TestUsers.VIEWER))
                .header("Accept", "text/plain").GET().build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String health(AdminClient api) {
        return api.get("/actuator/health/requests", TestUsers.VIEWER).body();
    }

    private int posted(String event) {
        return receiver.findAll(postRequestedFor(urlEqualTo(HOOK))
                .withRequestBody(matchingJsonPath("$.event", equalTo(event)))).size();
    }

    static String encode(String number) {
        return URLEncoder.encode(number, StandardCharsets.UTF_8);
    }

}
