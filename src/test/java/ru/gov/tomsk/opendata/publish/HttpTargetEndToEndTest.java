package ru.gov.tomsk.opendata.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.PublishedDataset;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The {@code http} target against a WireMock portal API. Every stub demands the Bearer token; anything else gets
 * a 401. The token never shows in the output nor in a delivery's last error.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpTargetEndToEndTest {

    static final String FEED = Fixtures.FEED;
    static final String V1 = "20260320T0900";
    static final String TOKEN = "federal-api-token-9b7e2c41aa";
    static final String PUBLIC = "https://opendata.example.ru/opendata/";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    WireMockServer portal;

    @BeforeEach
    void startPortal() {
        portal = new WireMockServer(options().dynamicPort());
        portal.start();
        portal.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401).withBody("no token")));
    }

    @AfterEach
    void stopPortal(CapturedOutput output) {
        portal.stop();
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    @Test
    void aJsonBodyCarriesThePassportAndLinksWithTheBearerTokenAndIdempotencyKey() throws Exception {
        Fixtures.installFixtureFeed(home);
        String path = "/api/v1/datasets/" + FEED + "/versions/" + V1;
        portal.stubFor(put(urlEqualTo(path))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Idempotency-Key", equalTo(FEED + ":" + V1))
                .withHeader("X-Region", equalTo("70"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.passport.identifier", equalTo(FEED)))
                .withRequestBody(matchingJsonPath("$.version", equalTo(V1)))
                .willReturn(aResponse().withStatus(201)));
        Map<String, Object> props = properties(Fixtures.h2Source(), "json");
        props.put("opendata.targets.portal.http.method", "PUT");
        props.put("opendata.targets.portal.http.url",
                "http://localhost:" + portal.port() + "/api/v1/datasets/{identifier}/versions/{version}");

        try (TestApp app = TestApp.start(home, clock(), props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery done = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(done.lastError()).isNull();

            List<LoggedRequest> sent = portal.findAll(putRequestedFor(urlEqualTo(path)));
            assertThat(sent).hasSize(1);
            JsonNode body = JSON.readTree(sent.get(0).getBody());
            assertThat(body.path("identifier").asText()).isEqualTo(FEED);
            assertThat(body.path("passport").path("title").asText()).isEqualTo("Тестовый набор «Организации»");
            for (String format : List.of("csv", "json", "xml")) {
                assertThat(body.path("files").path(format).asText())
                        .isEqualTo(PUBLIC + FEED + "/" + file(V1, format).getFileName());
            }
            assertThat(body.path("meta").asText()).isEqualTo(PUBLIC + FEED + "/meta.json");

            // sent again (a retry after a lost answer): the same request, the same key
            DeliveryTarget target = app.bean(DeliveryTargets.class).target("portal").orElseThrow();
            DeliveryResult again = target.deliver(new DatasetDelivery(done.id(), FEED, V1, "portal", 2, published(app)));
            assertThat(again.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            assertThat(again.message()).doesNotContain(TOKEN);
            List<LoggedRequest> both = portal.findAll(putRequestedFor(urlEqualTo(path)));
            assertThat(both).hasSize(2);
            assertThat(both).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(FEED + ":" + V1);
        }
    }

    @Test
    void aMultipartBodyCarriesThePassportAndEveryFileOfTheNewestVersion() throws Exception {
        Fixtures.installFixtureFeed(home);
        portal.stubFor(post(urlEqualTo("/upload/" + FEED))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Idempotency-Key", equalTo(FEED + ":" + V1))
                .willReturn(aResponse().withStatus(200)));

        try (TestApp app = TestApp.start(home, clock(), properties(Fixtures.h2Source(), "multipart"))) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery done = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.DONE);
            assertThat(done.lastError()).isNull();

            List<LoggedRequest> sent = portal.findAll(postRequestedFor(urlEqualTo("/upload/" + FEED)));
            assertThat(sent).hasSize(1);
            LoggedRequest request = sent.get(0);
            assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
            JsonNode passport = JSON.readTree(request.getPart("passport").getBody().asBytes());
            assertThat(passport.path("identifier").asText()).isEqualTo(FEED);
            assertThat(passport.path("passport").path("identifier").asText()).isEqualTo(FEED);

            PublishedDataset dataset = published(app);
            for (String format : List.of("csv", "json", "xml")) {
                Path file = file(V1, format);
                String name = file.getFileName().toString();
                assertThat(passport.path("files").path(format).asText()).isEqualTo(name);
                assertThat(request.getPart(name).getBody().asBytes()).isEqualTo(Files.readAllBytes(file));
            }
            JsonNode structure = passport.path("structure");
            assertThat(structure.size()).isPositive();
            structure.fields().forEachRemaining(s -> {
                try {
                    assertThat(request.getPart(s.getValue().asText()).getBody().asBytes())
                            .isEqualTo(Files.readAllBytes(dataset.directory().resolve(s.getValue().asText())));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(request.getPart("meta.json").getBody().asBytes()).isEqualTo(dataset.passport().get("meta.json"));
        }
    }

    @Test
    void anUnavailablePortalIsRetriedAfterTheBackoff() throws Exception {
        Fixtures.installFixtureFeed(home);
        portal.stubFor(post(urlEqualTo("/upload/" + FEED)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .inScenario("maintenance").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
        portal.stubFor(post(urlEqualTo("/upload/" + FEED)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .inScenario("maintenance").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(202)));
        MutableClock clock = clock();

        try (TestApp app = TestApp.start(home, clock, properties(Fixtures.h2Source(), "json"))) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery down = Mirror.await(app, FEED, V1, "portal", d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(down.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(down.lastError()).contains("HTTP 503", "Service Unavailable").doesNotContain(TOKEN);
            assertThat(down.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(1));

            clock.set(down.nextAttemptAt());
            Delivery done = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.lastError()).isNull();
            portal.verify(2, postRequestedFor(urlEqualTo("/upload/" + FEED)));
        }
    }

    @Test
    void aRejectedRequestIsPermanentWithAnExcerptAndNoToken() throws Exception {
        Fixtures.installFixtureFeed(home);
        String answer = "{\"error\": \"invalid passport\", \"token\": \"" + TOKEN + "\", \"detail\": \""
                + "x".repeat(1000) + "\"}";
        portal.stubFor(post(urlEqualTo("/upload/" + FEED)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(400).withBody(answer)));

        try (TestApp app = TestApp.start(home, clock(), properties(Fixtures.h2Source(), "json"))) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery failed = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).contains("POST http://localhost:" + portal.port() + "/upload/" + FEED,
                    "HTTP 400", "{\"error\": \"invalid passport\"").doesNotContain(TOKEN).doesNotContain("x".repeat(300));
            assertThat(failed.lastError().length()).isLessThan(500);
        }
    }

    @Test
    void inCkanModeItCreatesThePackageAsTheCkanTargetDoes() throws Exception {
        Fixtures.installFixtureFeed(home);
        String action = "/api/3/action/";
        portal.stubFor(get(urlPathEqualTo(action + "package_show")).withHeader("Authorization", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\": false, \"error\": {\"message\": \"Not found\", \"__type\": \"Not Found Error\"}}")));
        ckanOk(post(urlEqualTo(action + "package_create")), "{\"id\": \"pkg-1\", \"name\": \"7017069388-fixture\", \"resources\": []}");
        ckanOk(post(urlEqualTo(action + "resource_create")), "{\"id\": \"res-new\"}");
        ckanOk(post(urlEqualTo(action + "package_patch")).withRequestBody(matchingJsonPath("$.id", equalTo("pkg-1"))),
                "{\"id\": \"pkg-1\", \"name\": \"7017069388-fixture\"}");
        Map<String, Object> props = properties(Fixtures.h2Source(), "json");
        props.put("opendata.targets.portal.http.mode", "ckan");
        props.put("opendata.targets.portal.http.url", "http://localhost:" + portal.port() + "/");
        props.put("opendata.targets.portal.http.organization", "tomsk-region");

        try (TestApp app = TestApp.start(home, clock(), props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery done = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.DONE);
            assertThat(done.lastError()).isNull();
            portal.verify(getRequestedFor(urlEqualTo(action + "package_show?id=7017069388-fixture")));
            List<LoggedRequest> creates = portal.findAll(postRequestedFor(urlEqualTo(action + "package_create")));
            assertThat(creates).hasSize(1);
            assertThat(JSON.readTree(creates.get(0).getBody()).path("owner_org").asText()).isEqualTo("tomsk-region");
            portal.verify(3, postRequestedFor(urlEqualTo(action + "resource_create")));
            portal.verify(1, postRequestedFor(urlEqualTo(action + "package_patch")));
        }
    }

    private void ckanOk(com.github.tomakehurst.wiremock.client.MappingBuilder request, String result) {
        portal.stubFor(request.withHeader("Authorization", equalTo(TOKEN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\": true, \"result\": " + result + "}")));
    }

    private static MutableClock clock() {
        return new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
    }

    private Map<String, Object> properties(String source, String body) {
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        props.put("opendata.targets.portal.kind", "http");
        props.put("opendata.targets.portal.public-base-url", PUBLIC);
        props.put("opendata.targets.portal.http.url", "http://localhost:" + portal.port() + "/upload/{identifier}");
        props.put("opendata.targets.portal.http.token", TOKEN);
        props.put("opendata.targets.portal.http.body", body);
        props.put("opendata.targets.portal.http.headers", "X-Region: 70; Accept-Language: ru");
        props.put("opendata.outbox.poll-interval", "100ms");
        props.put("opendata.outbox.backoff-base", "1s");
        return props;
    }

    private static PublishedDataset published(TestApp app) {
        return app.bean(Catalog.class).published(FEED).orElseThrow();
    }

    private Path file(String version, String format) throws IOException {
        Path dir = TestApp.portal(home).resolve(FEED);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("data-" + version + "-structure-")
                            && f.getFileName().toString().endsWith("." + format))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + format + " file of " + version + " in " + dir));
        }
    }
}
