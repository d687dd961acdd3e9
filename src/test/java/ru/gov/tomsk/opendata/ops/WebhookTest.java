package ru.gov.tomsk.opendata.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.http.HttpClients;

/** The webhook client against a real HTTP server: retries, gives up, never leaks the token. */
@ExtendWith(OutputCaptureExtension.class)
class WebhookTest {

    WireMockServer receiver;
    /** The service gives it one of Camel's pools; any scheduler does here. */
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final FeedEvent event = new FeedEvent(FeedEventKind.OVERDUE, "7017069388-schools", "Школы", FeedCondition.OVERDUE,
            "overdue: the update was due by 2026-03-25", LocalDate.parse("2026-03-25"), null, Instant.parse("2026-03-26T01:00:00Z"));

    @BeforeEach
    void start() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop();
        scheduler.shutdownNow();
    }

    Webhook webhook(int attempts) {
        URI url = URI.create("http://localhost:" + receiver.port() + "/hook?key=query-secret");
        return new Webhook(new AlertProperties(url, "bearer-secret", Duration.ofMinutes(1), attempts, Duration.ofMillis(50),
                Duration.ofSeconds(5)), new ObjectMapper(), new HttpClients(), () -> scheduler);
    }

    @Test
    void aFailedPostIsRetriedUntilTheReceiverTakesIt(CapturedOutput output) throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        receiver.stubFor(post(urlPathEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));

        assertThat(webhook(3).post(event).get(10, TimeUnit.SECONDS)).isTrue();

        receiver.verify(2, postRequestedFor(urlPathEqualTo("/hook")));
        assertThat(output).contains("failed for OVERDUE of feed 7017069388-schools (attempt 1 of 3): HTTP 503")
                .contains("http://localhost:" + receiver.port() + "/hook")
                .doesNotContain("query-secret").doesNotContain("bearer-secret");
    }

    @Test
    void aReceiverThatStaysDownIsGivenUpAfterTheConfiguredAttempts(CapturedOutput output) throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(500)));

        assertThat(webhook(3).post(event).get(10, TimeUnit.SECONDS)).isFalse();

        receiver.verify(3, postRequestedFor(urlPathEqualTo("/hook")));
        assertThat(output).contains("gave up on OVERDUE of feed 7017069388-schools after 3 attempt(s): HTTP 500")
                .doesNotContain("query-secret").doesNotContain("bearer-secret");
        // the service's backoff from retry-delay (50 ms): it doubles between tries
        assertThat(output).contains("(attempt 1 of 3): HTTP 500; retrying in 50 ms")
                .contains("(attempt 2 of 3): HTTP 500; retrying in 100 ms");
        List<Long> sent = receiver.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted().toList();
        assertThat(sent.get(1) - sent.get(0)).isGreaterThanOrEqualTo(50);
        assertThat(sent.get(2) - sent.get(1)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void anUnreachableReceiverNeverThrows() throws Exception {
        int port = receiver.port();
        receiver.stop();
        Webhook webhook = new Webhook(new AlertProperties(URI.create("http://localhost:" + port + "/hook"), null,
                Duration.ofMinutes(1), 2, Duration.ofMillis(10), Duration.ofSeconds(2)), new ObjectMapper(), new HttpClients(),
                () -> scheduler);
        assertThat(webhook.post(event).get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void settingsRefuseAWebhookThatIsNotHttpAndHideTheToken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AlertProperties(URI.create("ftp://x/y"), null,
                        Duration.ofMinutes(1), 3, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("opendata.alerts.webhook-url must be an http(s) URL, was ftp://x/y");
        assertThat(new AlertProperties(URI.create("https://hooks.example.ru/a?token=q"), "t0ken", Duration.ofMinutes(1), 3,
                Duration.ofSeconds(1), Duration.ofSeconds(1)).toString())
                .contains("https://hooks.example.ru/a").doesNotContain("t0ken").doesNotContain("token=q");
    }
}
