package ru.gov.tomsk.opendata.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The {@code ckan} target against a WireMock CKAN that answers as the action API documents
 * ({@code {"success": true, "result": …}}, errors as {@code {"success": false, "error": {…}}}). Every stub
 * demands the token in {@code Authorization}; anything else gets CKAN's 403.
 */
@ExtendWith(OutputCaptureExtension.class)
class CkanTargetEndToEndTest {

    static final String FEED = Fixtures.FEED;
    static final String V1 = "20260320T0900";
    static final String V2 = "20260320T1000";
    static final String TOKEN = "ckan-api-token-5f3c9a7e1d";
    static final String ACTION = "/api/3/action/";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    WireMockServer ckan;

    @BeforeEach
    void startCkan() {
        ckan = new WireMockServer(options().dynamicPort());
        ckan.start();
        // without the token (or with a wrong one) CKAN refuses
        ckan.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"help\": \"\", \"success\": false, \"error\": {\"__type\": \"Authorization Error\", "
                        + "\"message\": \"Access denied\"}}")));
    }

    @AfterEach
    void stopCkan(CapturedOutput output) {
        ckan.stop();
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    @Test
    void aNewDatasetIsCreatedWithItsFilesThenPatchedAndANewVersionUploadedOnce() throws Exception {
        String source = Fixtures.h2Source();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Fixtures.installFixtureFeed(home);
        packageNotFound();
        ok(post(urlEqualTo(ACTION + "package_create")), "{\"id\": \"pkg-1\", \"name\": \"7017069388-fixture\", \"resources\": []}");
        ok(post(urlEqualTo(ACTION + "resource_create")), "{\"id\": \"res-new\", \"package_id\": \"pkg-1\"}");

        try (TestApp app = TestApp.start(home, clock, properties(source))) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery first = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.DONE);
            assertThat(first.attempts()).isEqualTo(1);
            assertThat(first.lastError()).isNull();

            ckan.verify(getRequestedFor(urlEqualTo(ACTION + "package_show?id=7017069388-fixture"))
                    .withHeader("Authorization", equalTo(TOKEN)));
            List<LoggedRequest> creates = ckan.findAll(postRequestedFor(urlEqualTo(ACTION + "package_create"))
                    .withHeader("Authorization", equalTo(TOKEN)));
            assertThat(creates).hasSize(1);
            JsonNode created = JSON.readTree(creates.get(0).getBody());
            assertThat(created.path("name").asText()).isEqualTo("7017069388-fixture");
            assertThat(created.path("title").asText()).isEqualTo("Тестовый набор «Организации»");
            assertThat(created.path("notes").asText()).startsWith("Набор для проверки формата");
            assertThat(created.path("owner_org").asText()).isEqualTo("tomsk-region");
            assertThat(created.path("tags").findValuesAsText("name")).containsExactly("тест", "организации");
            Map<String, String> extras = extras(created);
            assertThat(extras).containsEntry("identifier", FEED)
                    .containsEntry("creator", "Департамент тестирования Томской области")
                    .containsEntry("publishername", "Иванова Анна Петровна")
                    .containsEntry("publisherphone", "+7 3822 000000")
                    .containsEntry("publishermbox", "opendata@example.ru")
                    .containsEntry("modified", "20260320")
                    .containsEntry("opendata_version", V1)
                    .containsKeys("standardversion", "valid");

            List<LoggedRequest> resources = ckan.findAll(postRequestedFor(urlEqualTo(ACTION + "resource_create"))
                    .withHeader("Authorization", equalTo(TOKEN)));
            assertThat(resources).extracting(r -> r.getPart("name").getBody().asString())
                    .containsExactlyInAnyOrder("data.csv", "data.json", "data.xml");
            for (LoggedRequest resource : resources) {
                assertThat(resource.getHeader("Content-Type")).startsWith("multipart/form-data");
                String name = resource.getPart("name").getBody().asString();
                String format = name.substring(name.indexOf('.') + 1);
                assertThat(resource.getPart("package_id").getBody().asString()).isEqualTo("pkg-1");
                assertThat(resource.getPart("format").getBody().asString()).isEqualTo(format.toUpperCase());
                assertThat(resource.getPart("opendata_version").getBody().asString()).isEqualTo(V1);
                assertThat(resource.getPart("upload").getBody().asBytes()).isEqualTo(Files.readAllBytes(file(V1, format)));
            }
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "package_patch")));

            // the package is there now, with this version's files; a new version is published
            ckan.resetRequests();
            ok(get(urlPathEqualTo(ACTION + "package_show")), packageWithResources(V1));
            ok(post(urlEqualTo(ACTION + "resource_update")), "{\"id\": \"res-csv\"}");
            ok(post(urlEqualTo(ACTION + "package_patch")), "{\"id\": \"pkg-1\", \"name\": \"7017069388-fixture\"}");
            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-03-20T03:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery second = Mirror.await(app, FEED, V2, "portal", DeliveryStatus.DONE);
            assertThat(second.lastError()).isNull();

            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "package_create")));
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "resource_create")));
            List<LoggedRequest> updates = ckan.findAll(postRequestedFor(urlEqualTo(ACTION + "resource_update"))
                    .withHeader("Authorization", equalTo(TOKEN)));
            assertThat(updates).extracting(r -> r.getPart("id").getBody().asString())
                    .containsExactlyInAnyOrder("res-csv", "res-json", "res-xml");
            for (LoggedRequest update : updates) {
                String format = update.getPart("id").getBody().asString().substring("res-".length());
                assertThat(update.getPart("opendata_version").getBody().asString()).isEqualTo(V2);
                assertThat(update.getPart("upload").getBody().asBytes()).isEqualTo(Files.readAllBytes(file(V2, format)));
            }
            assertThat(Files.readAllBytes(file(V2, "csv"))).isNotEqualTo(Files.readAllBytes(file(V1, "csv")));
            List<LoggedRequest> patches = ckan.findAll(postRequestedFor(urlEqualTo(ACTION + "package_patch"))
                    .withHeader("Authorization", equalTo(TOKEN)));
            assertThat(patches).hasSize(1);
            JsonNode patched = JSON.readTree(patches.get(0).getBody());
            assertThat(patched.path("name").asText()).isEqualTo("7017069388-fixture");
            assertThat(patched.path("owner_org").asText()).isEqualTo("tomsk-region");
            assertThat(extras(patched)).containsEntry("opendata_version", V2).containsEntry("identifier", FEED);

            // sent again (a retry after a lost answer): the portal already holds V2's files, nothing is uploaded
            ckan.resetRequests();
            ok(get(urlPathEqualTo(ACTION + "package_show")), packageWithResources(V2));
            DeliveryTarget target = app.bean(DeliveryTargets.class).target("portal").orElseThrow();
            DeliveryResult again = target.deliver(new DatasetDelivery(second.id(), FEED, V2, "portal", 2,
                    app.bean(Catalog.class).published(FEED).orElseThrow()));
            assertThat(again.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            assertThat(again.message()).contains("files already current").doesNotContain(TOKEN);
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "resource_update")));
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "resource_create")));
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "package_create")));
            ckan.verify(1, postRequestedFor(urlEqualTo(ACTION + "package_patch")));
        }
    }

    @Test
    void aValidationErrorIsPermanentWithCkansErrorInLastError() throws Exception {
        Fixtures.installFixtureFeed(home);
        packageNotFound();
        ckan.stubFor(post(urlEqualTo(ACTION + "package_create")).withHeader("Authorization", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"help\": \"http://ckan/api/3/action/help_show?name=package_create\", \"success\": false, "
                                + "\"error\": {\"__type\": \"Validation Error\", \"name\": [\"That URL is already in use.\"], "
                                + "\"owner_org\": [\"Organization does not exist\"]}}")));

        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                properties(Fixtures.h2Source()))) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery failed = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).contains("package_create", "HTTP 409", "Validation Error",
                    "name: That URL is already in use.", "owner_org: Organization does not exist");
            assertThat(failed.lastError()).doesNotContain(TOKEN);
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "resource_create")));
        }
    }

    @Test
    void aWrongTokenIsPermanentAndNamedWithoutBeingShown() throws Exception {
        Fixtures.installFixtureFeed(home);
        Map<String, Object> props = properties(Fixtures.h2Source());
        props.put("opendata.targets.portal.ckan.token", "wrong-" + TOKEN);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery failed = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.FAILED);
            assertThat(failed.lastError()).startsWith("CKAN refused the token (opendata.targets.portal.ckan.token)")
                    .contains("HTTP 403").doesNotContain(TOKEN);
        }
    }

    @Test
    void anUnavailablePortalIsRetriedAfterTheBackoffAndThenSucceeds() throws Exception {
        Fixtures.installFixtureFeed(home);
        ckan.stubFor(get(urlPathEqualTo(ACTION + "package_show")).withHeader("Authorization", equalTo(TOKEN))
                .inScenario("maintenance").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Service Unavailable</body></html>")));
        ckan.stubFor(get(urlPathEqualTo(ACTION + "package_show")).withHeader("Authorization", equalTo(TOKEN))
                .inScenario("maintenance").whenScenarioStateIs("up")
                .willReturn(notFound()));
        ok(post(urlEqualTo(ACTION + "package_create")), "{\"id\": \"pkg-1\", \"name\": \"7017069388-fixture\", \"resources\": []}");
        ok(post(urlEqualTo(ACTION + "resource_create")), "{\"id\": \"res-new\"}");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, properties(Fixtures.h2Source()))) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery down = Mirror.await(app, FEED, V1, "portal", d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(down.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(down.lastError()).contains("package_show", "HTTP 503").doesNotContain(TOKEN);
            assertThat(down.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(1));
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "package_create")));

            clock.set(down.nextAttemptAt());
            Delivery done = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.lastError()).isNull();
            ckan.verify(1, postRequestedFor(urlEqualTo(ACTION + "package_create")));
            ckan.verify(3, postRequestedFor(urlEqualTo(ACTION + "resource_create")));
        }
    }

    private Map<String, Object> properties(String source) {
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        props.put("opendata.targets.portal.kind", "ckan");
        props.put("opendata.targets.portal.ckan.url", "http://localhost:" + ckan.port() + "/");
        props.put("opendata.targets.portal.ckan.token", TOKEN);
        props.put("opendata.targets.portal.ckan.organization", "tomsk-region");
        props.put("opendata.outbox.poll-interval", "100ms");
        props.put("opendata.outbox.backoff-base", "1s");
        return props;
    }

    private void packageNotFound() {
        ckan.stubFor(get(urlPathEqualTo(ACTION + "package_show")).withHeader("Authorization", equalTo(TOKEN))
                .willReturn(notFound()));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder notFound() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"help\": \"http://ckan/api/3/action/help_show?name=package_show\", \"success\": false, "
                        + "\"error\": {\"message\": \"Not found\", \"__type\": \"Not Found Error\"}}");
    }

    private void ok(com.github.tomakehurst.wiremock.client.MappingBuilder request, String result) {
        ckan.stubFor(request.withHeader("Authorization", equalTo(TOKEN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"help\": \"http://ckan/api/3/action/help_show\", \"success\": true, \"result\": " + result + "}")));
    }

    /** package_show's result for the package holding {@code version}'s files. */
    private static String packageWithResources(String version) {
        List<String> resources = new ArrayList<>();
        for (String format : List.of("csv", "json", "xml")) {
            resources.add("{\"id\": \"res-" + format + "\", \"package_id\": \"pkg-1\", \"name\": \"data." + format
                    + "\", \"format\": \"" + format.toUpperCase() + "\", \"url_type\": \"upload\", "
                    + "\"url\": \"http://ckan/dataset/pkg-1/resource/res-" + format + "/download/data." + format + "\", "
                    + "\"opendata_version\": \"" + version + "\"}");
        }
        return "{\"id\": \"pkg-1\", \"name\": \"7017069388-fixture\", \"state\": \"active\", \"owner_org\": \"org-1\", "
                + "\"resources\": [" + String.join(", ", resources) + "]}";
    }

    private static Map<String, String> extras(JsonNode pkg) {
        Map<String, String> extras = new HashMap<>();
        pkg.path("extras").forEach(e -> extras.put(e.path("key").asText(), e.path("value").asText()));
        return extras;
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
