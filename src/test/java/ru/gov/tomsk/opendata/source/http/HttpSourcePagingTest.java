package ru.gov.tomsk.opendata.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.http.HttpClients;

/**
 * Paging and retry decisions against WireMock, without the application: the waits are recorded by the
 * sleeper instead of slept, so backoff sequences and long Retry-After values are checked in milliseconds.
 */
class HttpSourcePagingTest {

    static final Instant NOW = Instant.parse("2026-03-20T02:00:00Z");

    WireMockServer api;
    final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    PagedRecords open(String... keyValues) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put(keyValues[i], keyValues[i + 1]);
        }
        HttpSourceSpec spec = HttpSourceSpec.of(FeedRules.of(java.util.Set.of(), name -> null).kind("http").orElseThrow().withDefaults(given));
        return new PagedRecords("7017069388-test", spec, new PageFetcher("7017069388-test", spec, new HttpClients(), waits::add,
                Clock.fixed(NOW, ZoneOffset.UTC))).start();
    }

    static List<Object> ids(PagedRecords records) {
        List<Object> ids = new ArrayList<>();
        records.forEachRemaining(r -> ids.add(r.get("id")));
        return ids;
    }

    @Test
    void backoffDoublesBetweenAttemptsThenSucceeds() {
        api.stubFor(get("/x").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("2"));
        api.stubFor(get("/x").inScenario("s").whenScenarioStateIs("2")
                .willReturn(aResponse().withStatus(504)).willSetStateTo("3"));
        api.stubFor(get("/x").inScenario("s").whenScenarioStateIs("3")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("4"));
        api.stubFor(get("/x").inScenario("s").whenScenarioStateIs("4").willReturn(okJson("[{\"id\": 1}]")));

        assertThat(ids(open("url", api.url("/x"), "retryDelay", "100ms", "maxRetryDelay", "250ms"))).containsExactly("1");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        api.stubFor(get("/x").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Fri, 20 Mar 2026 02:00:07 GMT"))
                .willSetStateTo("up"));
        api.stubFor(get("/x").inScenario("s").whenScenarioStateIs("up").willReturn(okJson("[{\"id\": 1}]")));

        assertThat(ids(open("url", api.url("/x")))).containsExactly("1");
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterBeyondTheCapFailsInsteadOfHangingTheRun() {
        api.stubFor(get("/x").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        assertThatThrownBy(() -> open("url", api.url("/x")))
                .isInstanceOf(HttpSourceException.class)
                .hasMessageContaining("HTTP 429 Too Many Requests").hasMessageContaining("retry after 3600 s")
                .hasMessageContaining("maxRetryDelay 60 s");
        assertThat(waits).isEmpty();
    }

    @Test
    void exhaustedRetriesNameTheAttemptsAndTheLastFailure() {
        api.stubFor(get("/x").willReturn(aResponse().withStatus(503).withBody("<html>down for maintenance</html>")));

        assertThatThrownBy(() -> open("url", api.url("/x"), "retries", "2"))
                .hasMessageContaining("after 3 attempt(s)").hasMessageContaining("HTTP 503 Service Unavailable")
                .hasMessageContaining("down for maintenance");
        api.verify(3, getRequestedFor(urlPathEqualTo("/x")));
    }

    @Test
    void aRefusedConnectionIsRetried() {
        int port = api.port();
        api.stop();

        assertThatThrownBy(() -> open("url", "http://localhost:" + port + "/x", "retries", "2", "retryDelay", "1ms"))
                .hasMessageContaining("after 3 attempt(s)").hasMessageContaining("connection failed");
        assertThat(waits).hasSize(2);
    }

    @Test
    void aSlowResponseTimesOutAndIsRetried() {
        api.stubFor(get("/x").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[{\"id\": 1}]").withFixedDelay(2000)).willSetStateTo("fast"));
        api.stubFor(get("/x").inScenario("s").whenScenarioStateIs("fast").willReturn(okJson("[{\"id\": 2}]")));

        assertThat(ids(open("url", api.url("/x"), "readTimeout", "200ms"))).containsExactly("2");
        assertThat(waits).hasSize(1);
    }

    @Test
    void anApiRepeatingItsCursorFailsAtOnce() {
        api.stubFor(get(urlPathEqualTo("/c")).withQueryParam("cursor", absent())
                .willReturn(okJson("{\"items\": [{\"id\": 1}], \"next\": \"abc\"}")));
        api.stubFor(get(urlPathEqualTo("/c")).withQueryParam("cursor", equalTo("abc"))
                .willReturn(okJson("{\"items\": [{\"id\": 2}], \"next\": \"abc\"}")));
        PagedRecords records = open("url", api.url("/c"), "pagination", "cursor", "cursorPath", "next", "path", "items");

        assertThat(records.next()).containsEntry("id", "1");
        assertThat(records.next()).containsEntry("id", "2");
        assertThatThrownBy(records::hasNext).hasMessageContaining("returned the cursor it was given");
    }

    @Test
    void aNextLinkToTheSamePageFailsAtOnce() {
        api.stubFor(get("/n").willReturn(okJson("{\"items\": [{\"id\": 1}], \"next\": \"/n\"}")));
        PagedRecords records = open("url", api.url("/n"), "pagination", "nextLink", "path", "items");

        assertThat(records.next()).containsEntry("id", "1");
        assertThatThrownBy(records::hasNext).hasMessageContaining("points at the same page");
    }

    @Test
    void pagesAreFetchedOnlyWhenTheRecordsBeforeThemAreConsumed() {
        api.stubFor(get(urlPathEqualTo("/p")).withQueryParam("page", equalTo("1")).willReturn(okJson("[{\"id\": 1}]")));
        api.stubFor(get(urlPathEqualTo("/p")).withQueryParam("page", equalTo("2")).willReturn(okJson("[{\"id\": 2}]")));
        api.stubFor(get(urlPathEqualTo("/p")).withQueryParam("page", equalTo("3")).willReturn(aResponse().withStatus(204)));

        PagedRecords records = open("url", api.url("/p"), "pagination", "page");
        api.verify(1, getRequestedFor(urlPathEqualTo("/p")));
        assertThat(records.next()).containsEntry("id", "1");
        api.verify(1, getRequestedFor(urlPathEqualTo("/p")));
        assertThat(records.next()).containsEntry("id", "2");
        api.verify(2, getRequestedFor(urlPathEqualTo("/p")));
        // a 204 No Content page is an empty page: the end
        assertThat(records.hasNext()).isFalse();
        api.verify(3, getRequestedFor(urlPathEqualTo("/p")));
    }

    @Test
    void credentialsStayWithTheOriginOfTheFeedsUrl() {
        WireMockServer elsewhere = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        elsewhere.start();
        try {
            elsewhere.stubFor(get("/moved").willReturn(okJson("[{\"id\": 1}]")));
            api.stubFor(get("/x").willReturn(aResponse().withStatus(302)
                    // 127.0.0.1 is another origin than localhost, as far as credentials go
                    .withHeader("Location", "http://127.0.0.1:" + elsewhere.port() + "/moved")));

            assertThat(ids(open("url", "http://localhost:" + api.port() + "/x", "token", "tok-1",
                    "headers", "X-Api-Key: {apiKey}; X-Client: opendata", "apiKey", "key-1"))).containsExactly("1");

            api.verify(getRequestedFor(urlPathEqualTo("/x")).withHeader("Authorization", equalTo("Bearer tok-1"))
                    .withHeader("X-Api-Key", equalTo("key-1")));
            elsewhere.verify(getRequestedFor(urlPathEqualTo("/moved")).withHeader("Authorization", absent())
                    .withHeader("X-Api-Key", absent()).withHeader("X-Client", equalTo("opendata")));
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void malformedJsonNamesThePage() {
        api.stubFor(get(urlPathEqualTo("/m")).willReturn(okJson("[{\"id\": 1}, {\"id\": ]")));
        PagedRecords records = open("url", api.url("/m") + "?api_key=k-123");

        assertThat(records.next()).containsEntry("id", "1");
        assertThatThrownBy(records::hasNext).hasMessageContaining("(page 1)").hasMessageContaining("api_key=***")
                .hasMessageContaining("malformed JSON").hasMessageNotContaining("k-123");
    }
}
