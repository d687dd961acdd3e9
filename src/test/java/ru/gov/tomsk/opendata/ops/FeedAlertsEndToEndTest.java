package ru.gov.tomsk.opendata.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/** Alerts through the real application to a WireMock webhook: the documented JSON, each event once. */
class FeedAlertsEndToEndTest {

    static final String FAILING = "7017069388-failing";
    static final String HOOK = "/hooks/opendata";

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
    void aFailedRunIsPostedOnceAndAtRiskAndOverdueOncePerDeadline() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.installFixtureFeed(home);
        Monitoring.installFeed(home, FAILING, "quarterly", "SELECT id, name FROM fixture.v_missing ORDER BY id");
        // 09:00 on 20 March in Tomsk: the never-published failing feed is due by 25 March, 5 days away
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Map<String, Object> properties = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        properties.put("opendata.alerts.webhook-url", "http://localhost:" + receiver.port() + HOOK);
        properties.put("opendata.alerts.webhook-token", "hook-secret-token");
        properties.put("opendata.alerts.check-interval", "1h"); // the test checks when it wants to
        try (TestApp app = TestApp.start(home, clock, properties)) {
            assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            FeedRun failed = app.run(FAILING);
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);

            FeedAlerts alerts = app.bean(FeedAlerts.class);
            alerts.check();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(posted("RUN_FAILED")).isEqualTo(1));
            LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo(HOOK))
                    .withRequestBody(matchingJsonPath("$.event", equalTo("RUN_FAILED")))).get(0);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer hook-secret-token");
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            String body = request.getBodyAsString();
            assertThat(body).contains("\"message\":\"run " + failed.id() + " failed: source failed: Table \\\"V_MISSING\\\" not found");
            receiver.verify(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(equalToJson("""
                    {"service":"opendata-bridge","event":"RUN_FAILED","severity":"critical","feed":"%s",
                     "title":"Тестовый набор «Организации»","condition":"FAILING","message":"${json-unit.any-string}",
                     "deadline":"2026-03-25","runId":%d,"occurredAt":"2026-03-20T02:00:00Z"}""".formatted(FAILING, failed.id()))));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(posted("AT_RISK")).isEqualTo(1));
            receiver.verify(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(equalToJson("""
                    {"service":"opendata-bridge","event":"AT_RISK","severity":"warning","feed":"%s",
                     "title":"${json-unit.any-string}","condition":"FAILING",
                     "message":"deadline 2026-03-25 is 5 day(s) away and the data is not updated yet",
                     "deadline":"2026-03-25","runId":null,"occurredAt":"2026-03-20T02:00:00Z"}""".formatted(FAILING))));

            // checking again raises nothing new
            assertThat(alerts.check()).isEmpty();
            clock.set("2026-03-24T02:00:00Z");
            assertThat(alerts.check()).isEmpty();

            // 18:00 UTC on 25 March is 26 March in Tomsk: overdue, once
            clock.set("2026-03-25T18:00:00Z");
            assertThat(alerts.check()).extracting(FeedEvent::kind, FeedEvent::feed)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(FeedEventKind.OVERDUE, FAILING));
            assertThat(alerts.check()).isEmpty();
            clock.set("2026-03-27T02:00:00Z");
            assertThat(alerts.check()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(posted("OVERDUE")).isEqualTo(1));

            assertThat(posted("RUN_FAILED")).isEqualTo(1);
            assertThat(posted("AT_RISK")).isEqualTo(1);
            // the current feed published on 20 March is due 25 June: nothing about it
            assertThat(receiver.findAll(postRequestedFor(urlEqualTo(HOOK))
                    .withRequestBody(matchingJsonPath("$.feed", equalTo(Fixtures.FEED))))).isEmpty();
            assertThat(app.bean(AlertLedger.class).count(FAILING, FeedEventKind.OVERDUE)).isEqualTo(1);
        }
    }

    private int posted(String event) {
        return receiver.findAll(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(matchingJsonPath("$.event", equalTo(event))))
                .size();
    }
}
