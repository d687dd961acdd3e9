package ru.gov.tomsk.opendata.ops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.ops.api.AdminApiFeedsTest.assertProblem;
import static ru.gov.tomsk.opendata.ops.api.AdminApiFeedsTest.fieldNames;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.publish.Delivery;
import ru.gov.tomsk.opendata.publish.DeliveryStatus;
import ru.gov.tomsk.opendata.publish.Outbox;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The operations side of the admin API over HTTP against the real service: deliveries and an operator's retry
 * of a given-up one, dry run, feed file validation with line numbers, the OpenAPI description, and the problem
 * documents of malformed requests.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminApiOperationsTest {

    static final String FEED = Fixtures.FEED;
    static final String V1 = "20260320T0900";
    static final String API = "/api/admin";

    @TempDir
    Path home;

    @Test
    void aGivenUpDeliveryIsListedAndRetriedByAnOperator(CapturedOutput output) throws Exception {
        Path broken = home.resolve("broken-share");
        Files.writeString(broken, "a file where the mirror's directory should be");
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        props.putAll(directoryTarget("broken", broken));
        props.putAll(directoryTarget("regional", home.resolve("regional")));
        props.put("opendata.outbox.max-age", "10s");
        props.put("opendata.outbox.backoff-base", "1s");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Fixtures.installFixtureFeed(home);
        try (TestApp app = TestApp.start(home, clock, props)) {
            AdminClient api = new AdminClient(app.port());
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery done = await(app, "regional", d -> d.status() == DeliveryStatus.DONE);
            await(app, "broken", d -> d.attempts() == 1 && d.claimedBy() == null);

            // pending after the first failure: due again after the backoff
            JsonNode pending = AdminClient.json(api.get(API + "/deliveries?status=PENDING&feed=" + FEED, "viewer"));
            assertThat(pending).hasSize(1);
            assertThat(fieldNames(pending.get(0))).containsExactly("id", "feedId", "dataVersion", "target", "status",
                    "attempts", "lastError", "nextAttemptAt", "sending", "pendingSince", "createdAt", "updatedAt",
                    "deliveredAt");
            assertThat(pending.get(0).get("target").asText()).isEqualTo("broken");
            assertThat(pending.get(0).get("nextAttemptAt").asText()).isEqualTo("2026-03-20T02:00:01Z");

            clock.set(clock.instant().plusSeconds(11));
            Delivery given = await(app, "broken", d -> d.status() == DeliveryStatus.FAILED);

            JsonNode failed = AdminClient.json(api.get(API + "/deliveries?status=FAILED", "viewer"));
            assertThat(failed).hasSize(1);
            JsonNode row = failed.get(0);
            assertThat(row.get("id").asLong()).isEqualTo(given.id());
            assertThat(row.get("feedId").asText()).isEqualTo(FEED);
            assertThat(row.get("dataVersion").asText()).isEqualTo(V1);
            assertThat(row.get("status").asText()).isEqualTo("FAILED");
            assertThat(row.get("attempts").asInt()).isEqualTo(2);
            assertThat(row.get("lastError").asText()).startsWith("still failing after 2 attempt(s)")
                    .endsWith("is not a directory (opendata.targets.broken.path)");
            assertThat(row.get("nextAttemptAt").isNull()).as("given up: nothing is due").isTrue();
            // without a status: the open work; per feed: everything
            assertThat(AdminClient.json(api.get(API + "/deliveries", "viewer")).findValuesAsText("target"))
                    .containsExactly("broken");
            JsonNode ofFeed = AdminClient.json(api.get(API + "/feeds/" + FEED + "/deliveries", "viewer"));
            assertThat(ofFeed.findValuesAsText("target")).containsExactlyInAnyOrder("broken", "regional");
            JsonNode status = AdminClient.json(api.get(API + "/feeds/" + FEED, "viewer"));
            assertThat(status.get("failedDeliveries").asInt()).isEqualTo(1);

            // the operator fixes the share and retries
            Files.delete(broken);
            HttpResponse<String> retried = api.post(API + "/deliveries/" + given.id() + "/retry", "operator");
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(AdminClient.json(retried).get("status").asText()).isIn("PENDING", "DONE");
            Delivery delivered = await(app, "broken", d -> d.status() == DeliveryStatus.DONE);
            assertThat(delivered.id()).isEqualTo(given.id());
            assertThat(Files.isRegularFile(broken.resolve(FEED).resolve("meta.csv"))).isTrue();
            assertThat(output).contains("retry by operator on delivery " + given.id() + " of " + FEED + " version " + V1
                    + " to broken: now ");

            // reading is not acting: a viewer cannot retry, and nobody without credentials reads
            assertThat(api.post(API + "/deliveries/" + given.id() + "/retry", "viewer").statusCode()).isEqualTo(403);
            assertThat(api.get(API + "/deliveries", null).statusCode()).isEqualTo(401);

            // what cannot be retried says why
            assertProblem(api.post(API + "/deliveries/" + done.id() + "/retry", "operator"), 409,
                    "delivery " + done.id() + " is DONE; only FAILED or PENDING ones are retried");
            assertProblem(api.post(API + "/deliveries/424242/retry", "operator"), 404, "no delivery 424242");
            assertProblem(api.get(API + "/deliveries?status=LOST", "viewer"), 400,
                    "query parameter 'status' must be one of PENDING, DONE, FAILED, SUPERSEDED; got 'LOST'");
            assertProblem(api.get(API + "/deliveries?feed=schools", "viewer"), 400, "parameter 'feed' must be a feed identifier");
        }
    }

    @Test
    void dryRunValidationOpenApiAndProblems(CapturedOutput output) throws Exception {
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""))) {
            AdminClient api = new AdminClient(app.port());
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            int runs = app.runs(FEED).size();

            // dry run: the first rows as published, compared with the published version, nothing recorded
            HttpResponse<String> dry = api.post(API + "/feeds/" + FEED + "/dry-run?rows=2", "operator");
            assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
            JsonNode result = AdminClient.json(dry);
            assertThat(result.get("feedId").asText()).isEqualTo(FEED);
            assertThat(result.get("rowsRead").asLong()).isEqualTo(4);
            assertThat(result.get("rowsRejected").asLong()).isZero();
            assertThat(result.get("header").get(0).asText()).isEqualTo("id");
            assertThat(result.get("firstRows")).hasSize(2);
            assertThat(result.get("firstRows").get(0).get(0).asText()).isEqualTo("1");
            assertThat(result.get("changed").asBoolean()).isFalse();
            assertThat(result.get("comparedWithVersion").asText()).isEqualTo(V1);
            assertThat(result.get("error").isNull()).isTrue();
            // the fixture's padded name: counted and shown before → after
            assertThat(result.get("cleanup").toString()).isEqualTo("[{\"field\":\"name\",\"kind\":\"EDGES\",\"values\":1}]");
            assertThat(result.get("cleanupExamples").toString()).isEqualTo("[{\"field\":\"name\",\"kind\":\"EDGES\","
                    + "\"before\":\"  Лицей «Эврика»  \",\"after\":\"Лицей «Эврика»\"}]");
            assertThat(app.runs(FEED)).hasSize(runs);
            assertThat(output).contains("dry run by operator on feed " + FEED + ": 4 read, 0 rejected");
            assertProblem(api.post(API + "/feeds/" + FEED + "/dry-run?rows=0", "operator"), 400,
                    "query parameter 'rows' must be 1 to 1000 (opendata.dry-run.max-rows); got 0");
            assertProblem(api.post(API + "/feeds/" + FEED + "/dry-run?rows=1001", "operator"), 400,
                    "query parameter 'rows' must be 1 to 1000");
            assertProblem(api.post(API + "/feeds/" + FEED + "/dry-run?rows=many", "operator"), 400,
                    "query parameter 'rows' must be a whole number; got 'many'");
            assertProblem(api.post(API + "/feeds/7017069388-nosuch/dry-run", "operator"), 404,
                    "no feed '7017069388-nosuch' is registered");

            // validation: a valid file, and a broken one with its lines
            String valid = new ClassPathResource("e2e/" + FEED + ".yaml").getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            JsonNode ok = AdminClient.json(api.post(API + "/feeds/validate", "viewer", "application/yaml", valid));
            assertThat(ok.get("valid").asBoolean()).isTrue();
            assertThat(ok.get("problems")).isEmpty();
            String wrong = valid.replace("type: integer, required: true", "type: integr, required: true")
                    .replace("frequency: quarterly", "frequency: sometimes");
            HttpResponse<String> checked = api.post(API + "/feeds/validate?file=" + FEED + ".yaml", "viewer",
                    "text/plain; charset=UTF-8", wrong);
            assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
            JsonNode report = AdminClient.json(checked);
            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(fieldNames(report)).containsExactly("valid", "problems");
            assertThat(fieldNames(report.get("problems").get(0))).containsExactly("line", "column", "property", "message",
                    "detail");
            assertThat(report.get("problems").findValuesAsText("property"))
                    .contains("frequency", "structure.fields[0].type");
            JsonNode frequency = problem(report, "frequency");
            assertThat(frequency.get("line").asInt()).isEqualTo(7);
            assertThat(frequency.get("column").asInt()).isPositive();
            // Russian first, with the allowed values' Russian words; the technical detail after, and on its own
            assertThat(frequency.get("message").asText()).startsWith("Недопустимое значение «sometimes» свойства "
                    + "«frequency»; допустимые: daily (ежедневно),").contains(" Подробности: unknown value 'sometimes'");
            assertThat(frequency.get("detail").asText()).startsWith("unknown value 'sometimes'; expected one of: ");
            assertThat(problem(report, "structure.fields[0].type").get("line").asInt()).isEqualTo(17);
            // a name that does not match the identifier is a problem of the file, not of the request
            JsonNode misnamed = AdminClient.json(api.post(API + "/feeds/validate?file=other.yaml", "viewer",
                    "application/yaml", valid));
            assertThat(misnamed.get("valid").asBoolean()).isFalse();
            assertProblem(api.post(API + "/feeds/validate", "viewer", "application/json", "{}"), 415,
                    "Content-Type 'application/json' is not accepted here; send the body as one of: application/yaml, "
                    + "application/x-yaml, text/yaml, text/plain");
            assertProblem(api.post(API + "/feeds/validate", "viewer", "application/yaml", "x".repeat(300 * 1024)), 413,
                    "a feed file may have at most 262144 bytes");
            assertProblem(api.post(API + "/feeds/validate", "viewer", "application/yaml", ""), 400,
                    "the request body is empty");

            // the OpenAPI description lists every path of the API (and the push endpoint, which has a test of its own:
            // PushIngestionEndToEndTest), with Basic auth and the problem schema
            HttpResponse<String> docs = api.get("/v3/api-docs", "viewer");
            assertThat(docs.statusCode()).isEqualTo(200);
            JsonNode openApi = AdminClient.json(docs);
            assertThat(openApi.get("openapi").asText()).startsWith("3.");
            assertThat(fieldNames(openApi.get("paths"))).containsExactlyInAnyOrder(
                    API + "/feeds", API + "/feeds/{id}", API + "/feeds/{id}/run", API + "/feeds/{id}/dry-run",
                    API + "/feeds/{id}/runs", API + "/runs/{runId}/quarantine", API + "/feeds/{id}/versions",
                    API + "/held/{heldId}/approve", API + "/held/{heldId}/discard", API + "/deliveries",
                    API + "/feeds/{id}/deliveries", API + "/deliveries/{deliveryId}/retry", API + "/feeds/validate",
                    API + "/feeds/{id}/push-token", API + "/drafts/dry-run", API + "/drafts/install",
                    API + "/feeds/{id}/rejected-files", API + "/feeds/{id}/rejected-files/{name}/requeue",
                    API + "/indicator",
                    API + "/mandates",
                    "/api/ingest/{feed}", "/api/ingest/{feed}/pushes/{push}",
                    API + "/requests", API + "/requests/{number}", API + "/requests/{number}/assign",
                    API + "/requests/{number}/answer", API + "/requests/{number}/redact",
                    API + "/requests/{number}/notice");
            assertThat(openApi.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
            assertThat(openApi.at("/security/0").has("basicAuth")).isTrue();
            assertThat(openApi.get("tags").findValuesAsText("name"))
                    .contains("Feeds", "Runs", "Versions", "Deliveries", "Feed files");
            JsonNode approve = openApi.at("/paths/" + escape(API + "/held/{heldId}/approve") + "/post");
            assertThat(fieldNames(approve.get("responses"))).contains("200", "400", "401", "403", "404", "409");
            assertThat(approve.at("/responses/409/content").has("application/problem+json")).isTrue();
            assertThat(openApi.at("/components/schemas/Feed/properties").has("deadline")).isTrue();
            assertThat(openApi.at("/paths/" + escape(API + "/feeds") + "/get/responses/200/content").has("application/json"))
                    .isTrue();
            assertThat(fieldNames(openApi.at("/components/schemas/ProblemDetail/properties")))
                    .contains("type", "title", "status", "detail", "instance").doesNotContain("properties");
            assertThat(openApi.at("/paths/" + escape(API + "/feeds/validate") + "/post/requestBody/content")
                    .has("application/yaml")).isTrue();
            assertThat(openApi.at("/paths/" + escape(API + "/drafts/dry-run") + "/post/requestBody/content")
                    .has("multipart/form-data")).isTrue();
            // springdoc is limited to the admin API
            assertThat(docs.body()).doesNotContain("/opendata/").doesNotContain("/actuator");
        }
    }

    private static JsonNode problem(JsonNode report, String property) {
        for (JsonNode p : report.get("problems")) {
            if (p.get("property").asText().equals(property)) {
                return p;
            }
        }
        throw new AssertionError("no problem of " + property + " in " + report);
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    private static Map<String, Object> directoryTarget(String name, Path path) {
        return Map.of("opendata.targets." + name + ".kind", "directory",
                "opendata.targets." + name + ".path", path.toString(),
                "opendata.outbox.poll-interval", "100ms");
    }

    private static Delivery await(TestApp app, String target, java.util.function.Predicate<Delivery> condition) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> app.bean(Outbox.class)
                .deliveries(FEED).stream().filter(d -> d.target().equals(target) && d.dataVersion().equals(V1))
                .findFirst().orElse(null), d -> d != null && condition.test(d));
    }
}
