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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    void aNewDatasetIsCreatedAndEveryNewVersionReachesItWithItsFilesUploadedOnce() throws Exception {
        String source = Fixtures.h2Source();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Fixtures.installFixtureFeed(home);
        CkanEmulator portal = emulate();

        try (TestApp app = TestApp.start(home, clock, properties(source))) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery first = Mirror.await(app, FEED, V1, "portal", DeliveryStatus.DONE);
            assertThat(first.attempts()).isEqualTo(1);
            assertThat(first.lastError()).isNull();

            ckan.verify(getRequestedFor(urlEqualTo(ACTION + "package_show?id=7017069388-fixture"))
                    .withHeader("Authorization", equalTo(TOKEN)));
            List<LoggedRequest> creates = ckan.findAll(postRequestedFor(urlEqualTo(ACTION + "package_create")));
            assertThat(creates).hasSize(1);
            JsonNode created = JSON.readTree(creates.get(0).getBody());
            assertThat(created.path("name").asText()).isEqualTo("7017069388-fixture");
            // no version is claimed before the files are there
            assertThat(extras(created)).doesNotContainKey("opendata_version");

            JsonNode pkg = portal.pkg("7017069388-fixture");
            assertThat(pkg.path("title").asText()).isEqualTo("Тестовый набор «Организации»");
            assertThat(pkg.path("notes").asText()).startsWith("Набор для проверки формата");
            assertThat(pkg.path("owner_org").asText()).isEqualTo("tomsk-region");
            assertThat(pkg.path("tags").findValuesAsText("name")).containsExactly("тест", "организации");
            assertThat(extras(pkg)).containsEntry("identifier", FEED)
                    .containsEntry("creator", "Департамент тестирования Томской области")
                    .containsEntry("publishername", "Иванова Анна Петровна")
                    .containsEntry("publisherphone", "+7 3822 000000")
                    .containsEntry("publishermbox", "opendata@example.ru")
                    .containsEntry("modified", "20260320")
                    .containsEntry("opendata_version", V1)
                    .containsKeys("standardversion", "valid");
            assertHolds(portal, pkg, V1);
            Map<String, String> resourceIds = new HashMap<>();
            pkg.path("resources").forEach(r -> resourceIds.put(r.path("name").asText(), r.path("id").asText()));

            // the package is there now; a new version is published, and reaches it
            ckan.resetRequests();
            publishSecondVersion(app, clock, source);
            Delivery second = Mirror.await(app, FEED, V2, "portal", DeliveryStatus.DONE);
            assertThat(second.lastError()).isNull();
            assertThat(Files.readAllBytes(file(V2, "csv"))).isNotEqualTo(Files.readAllBytes(file(V1, "csv")));

            pkg = portal.pkg("7017069388-fixture");
            assertThat(extras(pkg)).containsEntry("opendata_version", V2).containsEntry("identifier", FEED);
            assertHolds(portal, pkg, V2);
            // the same resources, replaced in place (resource_patch keeps their names)
            pkg.path("resources").forEach(r -> assertThat(r.path("id").asText()).isEqualTo(resourceIds.get(r.path("name").asText())));
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "package_create")));
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "resource_create")));
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "resource_update")));
            ckan.verify(3, postRequestedFor(urlEqualTo(ACTION + "resource_patch")).withHeader("Authorization", equalTo(TOKEN)));
            for (LoggedRequest patch : ckan.findAll(postRequestedFor(urlEqualTo(ACTION + "package_patch")))) {
                assertThat(JSON.readTree(patch.getBody()).path("id").asText()).isEqualTo(pkg.path("id").asText());
            }

            // sent again (a retry after a lost answer): the portal already holds V2's files, nothing is uploaded
            ckan.resetRequests();
            DeliveryTarget target = app.bean(DeliveryTargets.class).target("portal").orElseThrow();
            DeliveryResult again = target.deliver(new DatasetDelivery(second.id(), FEED, V2, "portal", 2,
                    app.bean(Catalog.class).published(FEED).orElseThrow()));
            assertThat(again.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            assertThat(again.message()).contains("files already current").doesNotContain(TOKEN);
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "resource_patch")));
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "resource_create")));
            ckan.verify(0, postRequestedFor(urlEqualTo(ACTION + "package_create")));
            ckan.verify(1, postRequestedFor(urlEqualTo(ACTION + "package_patch")));
            assertConsistentThroughout(portal);
        }
    }

    @Test
    void packagePatchWithoutIdIsRefusedByThePortalExactlyAsCkanRefusesIt() throws Exception {
        CkanEmulator portal = emulate();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(action("package_create", "{\"name\": \"7017069388-fixture\", \"owner_org\": \"o\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);

        // what a delivery sent before: the name, no id
        HttpResponse<String> refused = http.send(action("package_patch", "{\"name\": \"7017069388-fixture\", \"title\": \"x\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.path("success").asBoolean(true)).isFalse();
        assertThat(error.path("error")).isEqualTo(JSON.readTree("{\"__type\": \"Validation Error\", \"id\": [\"Missing value\"]}"));
        assertThat(portal.pkg("7017069388-fixture").path("title").isMissingNode()).isTrue();

        String id = JSON.readTree(created.body()).path("result").path("id").asText();
        HttpResponse<String> patched = http.send(action("package_patch", "{\"id\": \"" + id + "\", \"title\": \"x\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(portal.pkg("7017069388-fixture").path("title").asText()).isEqualTo("x");
    }

    @Test
    void aDeliveryCutOffBetweenUploadsNeverLeavesTheVersionExtraAheadOfTheFilesAndItsRetryCompletesIt() throws Exception {
        String source = Fixtures.h2Source();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        CkanEmulator portal = emulate();

        try (TestApp app = startWithFirstVersionDelivered(source, clock)) {

            // the first file of V2 is replaced, then the portal fails
            portal.failNext("resource_patch", 200, 503);
            ckan.resetRequests();
            publishSecondVersion(app, clock, source);
            Delivery cut = Mirror.await(app, FEED, V2, "portal", d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(cut.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(cut.lastError()).contains("resource_patch", "HTTP 503");
            JsonNode between = portal.pkg("7017069388-fixture");
            // the extra still names V1, whose files are all there or already replaced by V2's: never the reverse
            assertThat(extras(between)).containsEntry("opendata_version", V1);
            assertThat(versions(between)).containsValue(V2).containsValue(V1);

            clock.set(cut.nextAttemptAt());
            Delivery done = Mirror.await(app, FEED, V2, "portal", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(2);
            JsonNode pkg = portal.pkg("7017069388-fixture");
            assertThat(extras(pkg)).containsEntry("opendata_version", V2);
            assertHolds(portal, pkg, V2);
            // the resource replaced before the failure is not uploaded again
            assertThat(ckan.findAll(postRequestedFor(urlEqualTo(ACTION + "resource_patch")))).hasSize(2 + 2);
            assertConsistentThroughout(portal);
        }
    }

    @Test
    void aPassportThePortalRejectsFailsTheDeliveryBeforeAnyFileIsReplaced() throws Exception {
        String source = Fixtures.h2Source();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        CkanEmulator portal = emulate();

        try (TestApp app = startWithFirstVersionDelivered(source, clock)) {
            JsonNode before = portal.pkg("7017069388-fixture");

            portal.failNext("package_patch", 409);
            publishSecondVersion(app, clock, source);
            Delivery failed = Mirror.await(app, FEED, V2, "portal", DeliveryStatus.FAILED);
            assertThat(failed.lastError()).contains("package_patch", "HTTP 409");
            assertThat(portal.pkg("7017069388-fixture")).isEqualTo(before);
            assertHolds(portal, before, V1);
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
        ok(post(urlEqualTo(ACTION + "package_patch")), "{\"id\": \"pkg-1\", \"name\": \"7017069388-fixture\"}");
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
            ckan.verify(1, postRequestedFor(urlEqualTo(ACTION + "package_patch")));
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

    /** The service, with the fixture feed's first version published and delivered. */
    private TestApp startWithFirstVersionDelivered(String source, MutableClock clock) throws IOException {
        Fixtures.installFixtureFeed(home);
        TestApp app = TestApp.start(home, clock, properties(source));
        try {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, FEED, V1, "portal", DeliveryStatus.DONE);
            return app;
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
    }

    /** The fixture changes and the feed runs an hour later: {@link #V2} is published. */
    private static void publishSecondVersion(TestApp app, MutableClock clock, String source) {
        Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
        clock.set("2026-03-20T03:00:00Z");
        assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
    }

    /** Every call of the action API goes to a CKAN emulator. */
    private CkanEmulator emulate() {
        CkanEmulator portal = new CkanEmulator(TOKEN);
        ckan.stop();
        ckan = new WireMockServer(options().dynamicPort().extensions(portal));
        ckan.start();
        ckan.stubFor(any(urlPathMatching("/api/3/action/.*")).willReturn(aResponse().withTransformers(CkanEmulator.NAME)));
        return portal;
    }

    private HttpRequest action(String action, String json) {
        return HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + ckan.port() + ACTION + action))
                .header("Authorization", TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** The package holds {@code version}'s files: one resource per format, each at that version, with its bytes. */
    private void assertHolds(CkanEmulator portal, JsonNode pkg, String version) throws IOException {
        assertThat(versions(pkg)).containsOnlyKeys("data.csv", "data.json", "data.xml").containsValues(version, version, version);
        for (JsonNode resource : pkg.path("resources")) {
            String format = resource.path("name").asText().substring("data.".length());
            assertThat(resource.path("format").asText()).isEqualTo(format.toUpperCase());
            assertThat(resource.path("url_type").asText()).isEqualTo("upload");
            assertThat(portal.upload(resource.path("id").asText())).isEqualTo(Files.readAllBytes(file(version, format)));
        }
    }

    /**
     * In every state the package went through, its version extra names a version all of whose files it holds:
     * every resource is at that version or already at a newer one, never missing nor older.
     */
    private static void assertConsistentThroughout(CkanEmulator portal) {
        for (JsonNode state : portal.states()) {
            String claimed = extras(state).get("opendata_version");
            if (claimed == null) {
                continue;
            }
            assertThat(versions(state)).as("resources when the extra said %s", claimed)
                    .containsOnlyKeys("data.csv", "data.json", "data.xml")
                    .allSatisfy((name, version) -> assertThat(version).isGreaterThanOrEqualTo(claimed));
        }
    }

    /** The {@code opendata_version} of each resource, by name. */
    private static Map<String, String> versions(JsonNode pkg) {
        Map<String, String> versions = new HashMap<>();
        pkg.path("resources").forEach(r -> versions.put(r.path("name").asText(), r.path("opendata_version").asText()));
        return versions;
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
