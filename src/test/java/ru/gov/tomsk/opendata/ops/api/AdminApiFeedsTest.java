package ru.gov.tomsk.opendata.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The feed side of the admin API through the real service over HTTP: status of every feed (a broken file
 * included), run now, run history, the quarantine report of a dirty run as JSON and CSV, versions, and an
 * operator approving and discarding held versions, with the audit trail naming the user.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminApiFeedsTest {

    static final String PLACES = "7017069388-places";
    static final String BROKEN = "7017069388-broken";
    static final String API = "/api/admin";
    static final String REJECTED_12A = "Значение не читается как целое число. Подробности: field visitors, value '12a': "
            + "not a valid integer";

    @TempDir
    Path home;

    @Test
    void feedsRunsQuarantineVersionsAndHeldDecisions(CapturedOutput output) throws Exception {
        String source = Fixtures.h2Source();
        runScript(source, "e2e/places.sql");
        Fixtures.installFeed(home, PLACES + ".yaml", PLACES + ".yaml");
        Files.writeString(TestApp.feeds(home).resolve(BROKEN + ".yaml"), "identifier: " + BROKEN + "\ntitle: [unclosed\n");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(source, "sa", ""))) {
            AdminClient api = new AdminClient(app.port());

            // before any run: the first update is due by 25 March, five days away
            JsonNode fresh = AdminClient.json(api.get(API + "/feeds/" + PLACES, "viewer"));
            assertThat(fresh.get("condition").asText()).isEqualTo("AT_RISK");
            assertThat(fresh.get("deadline").asText()).isEqualTo("2026-03-25");
            assertThat(fresh.get("lastRun").isNull()).isTrue();

            // run now → 202 with the run history as Location; the run appears there
            HttpResponse<String> accepted = api.post(API + "/feeds/" + PLACES + "/run", "operator");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(accepted.headers().firstValue("Location")).get().asString()
                    .endsWith(API + "/feeds/" + PLACES + "/runs");
            JsonNode request = AdminClient.json(accepted);
            assertThat(request.get("feedId").asText()).isEqualTo(PLACES);
            assertThat(request.get("requestedBy").asText()).isEqualTo("operator");
            assertThat(request.get("runs").asText()).isEqualTo(API + "/feeds/" + PLACES + "/runs");
            FeedRun first = app.awaitRun(PLACES, 0);
            assertThat(first.status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(output).contains("run now by operator on feed " + PLACES + ": started");

            // the overview: every feed, the broken file with its located error
            HttpResponse<String> list = api.get(API + "/feeds", "viewer");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(AdminClient.contentType(list)).startsWith("application/json");
            JsonNode feeds = AdminClient.json(list);
            assertThat(feeds.findValuesAsText("identifier")).containsExactly(BROKEN, PLACES);
            JsonNode broken = feeds.get(0);
            assertThat(broken.get("condition").asText()).isEqualTo("INVALID");
            // located as the department knows the file, without the server's directories
            // at the bracket left open (line 2), not where the parser met the end of the file
            assertThat(broken.get("reason").asText()).isEqualTo("feed file is invalid: " + BROKEN + ".yaml:2:8: YAML "
                    + "syntax: expected ',' or ']', but got <stream end>");
            assertThat(broken.get("frequency").isNull()).isTrue();
            JsonNode places = feeds.get(1);
            assertThat(fieldNames(places)).containsExactly("identifier", "title", "frequency", "condition", "reason",
                    "lastRun", "lastSuccessAt", "newestVersion", "newestVersionAt", "nextFireAt", "deadline",
                    "daysToDeadline", "atRisk", "overdue", "heldVersions", "pendingDeliveries", "failedDeliveries");
            assertThat(places.get("title").asText()).isEqualTo("Учреждения культуры");
            assertThat(places.get("frequency").asText()).isEqualTo("quarterly");
            assertThat(places.get("condition").asText()).isEqualTo("OK");
            assertThat(places.get("lastRun").get("id").asLong()).isEqualTo(first.id());
            assertThat(places.get("lastRun").get("status").asText()).isEqualTo("PUBLISHED");
            assertThat(places.get("lastRun").get("rowsWritten").asLong()).isEqualTo(first.rowsWritten());
            assertThat(places.get("lastSuccessAt").asText()).isEqualTo("2026-03-20T02:00:00Z");
            assertThat(places.get("newestVersion").asText()).isEqualTo("20260320T0900");
            // quarterly, published on 20 March: the next update is due by the 25th of the quarter's last month
            assertThat(places.get("deadline").asText()).isEqualTo("2026-06-25");
            assertThat(places.get("daysToDeadline").asLong()).isEqualTo(97);
            assertThat(places.get("overdue").asBoolean()).isFalse();
            // the schedule is 03:00 Asia/Tomsk daily (Quartz runs on the real clock, not the test's)
            Instant nextFire = Instant.parse(places.get("nextFireAt").asText());
            assertThat(nextFire).isAfter(Instant.now()).isBefore(Instant.now().plus(java.time.Duration.ofDays(1)));
            assertThat(nextFire.toString()).endsWith("T20:00:00Z");

            // a dirty run is held; its history, its quarantine report and the held version
            runScript(source, "e2e/places-dirty-rows.sql");
            // and one clean change, so the held version differs from the published one
            Fixtures.execute(source, "sa", "", "UPDATE places.place SET visitors = '1300' WHERE id = 1");
            clock.set("2026-03-21T02:00:00Z");
            assertThat(api.post(API + "/feeds/" + PLACES + "/run", "operator").statusCode()).isEqualTo(202);
            FeedRun held = app.awaitRun(PLACES, 1);
            assertThat(held.status()).isEqualTo(RunStatus.HELD);

            JsonNode runs = AdminClient.json(api.get(API + "/feeds/" + PLACES + "/runs?limit=5", "viewer"));
            assertThat(runs).hasSize(2);
            JsonNode newest = runs.get(0);
            assertThat(fieldNames(newest)).containsExactly("id", "feedId", "node", "status", "startedAt", "finishedAt",
                    "rowsRead", "rowsWritten", "rowsRejected", "rowsAdded", "rowsChanged", "rowsRemoved", "dataVersion",
                    "heldId", "message", "cleanup");
            assertThat(newest.get("id").asLong()).isEqualTo(held.id());
            assertThat(newest.get("status").asText()).isEqualTo("HELD");
            assertThat(newest.get("rowsRead").asLong()).isEqualTo(11);
            assertThat(newest.get("rowsRejected").asLong()).isEqualTo(8);
            assertThat(newest.get("heldId").asLong()).isEqualTo(held.heldId());
            assertThat(newest.get("message").asText()).startsWith("held: 72.7% of the records were rejected");
            assertThat(runs.get(1).get("id").asLong()).isEqualTo(first.id());
            assertThat(AdminClient.json(api.get(API + "/feeds/" + PLACES + "/runs?limit=1", "viewer"))).hasSize(1);

            JsonNode report = AdminClient.json(api.get(API + "/runs/" + held.id() + "/quarantine", "viewer"));
            assertThat(report.get("runId").asLong()).isEqualTo(held.id());
            assertThat(report.get("feedId").asText()).isEqualTo(PLACES);
            assertThat(report.get("rows")).hasSize(8);
            JsonNode row = report.get("rows").get(0);
            assertThat(fieldNames(row)).containsExactly("row", "key", "field", "value", "reason");
            assertThat(row.get("row").asLong()).isEqualTo(2);
            assertThat(row.get("key").asText()).isEqualTo("id=2");
            assertThat(row.get("field").asText()).isEqualTo("visitors");
            assertThat(row.get("value").asText()).isEqualTo("12a");
            // the department's words first, the technical reason after
            assertThat(row.get("reason").asText()).isEqualTo(REJECTED_12A);
            assertThat(report.get("rows").get(2).get("key").asText()).isEqualTo("id=4");

            HttpResponse<String> csv = api.get(API + "/runs/" + held.id() + "/quarantine?format=csv", "viewer", "text/csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(AdminClient.contentType(csv)).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition")).get().asString()
                    .contains(PLACES + "-run-" + held.id() + "-quarantine.csv");
            assertThat(csv.body().split("\r\n")).hasSize(9)
                    .startsWith("row,key,field,value,reason", "2,id=2,visitors,12a,\"" + REJECTED_12A + "\"");
            // the clean first run has an empty report, not an error
            assertThat(AdminClient.json(api.get(API + "/runs/" + first.id() + "/quarantine", "viewer")).get("rows")).isEmpty();

            JsonNode versions = AdminClient.json(api.get(API + "/feeds/" + PLACES + "/versions", "viewer"));
            assertThat(versions.get("published")).hasSize(1);
            assertThat(fieldNames(versions.get("published").get(0))).containsExactly("version", "structureVersion",
                    "createdAt", "rowCount", "formats", "rowsAdded", "rowsChanged", "rowsRemoved", "provenance",
                    "fingerprint");
            assertThat(versions.get("published").get(0).get("version").asText()).isEqualTo("20260320T0900");
            assertThat(versions.get("held")).hasSize(1);
            JsonNode waiting = versions.get("held").get(0);
            assertThat(fieldNames(waiting)).containsExactly("id", "runId", "createdAt", "status", "reason", "rowCount",
                    "formats", "rowsAdded", "rowsChanged", "rowsRemoved", "decidedAt", "decidedBy");
            assertThat(waiting.get("id").asLong()).isEqualTo(held.heldId());
            assertThat(waiting.get("runId").asLong()).isEqualTo(held.id());
            assertThat(waiting.get("status").asText()).isEqualTo("HELD");
            assertThat(waiting.get("rowCount").asLong()).isEqualTo(3);
            JsonNode heldStatus = AdminClient.json(api.get(API + "/feeds/" + PLACES, "viewer"));
            assertThat(heldStatus.get("condition").asText()).isEqualTo("HELD");
            assertThat(heldStatus.get("heldVersions").asInt()).isEqualTo(1);

            // the operator approves it: published, with the user recorded
            clock.set("2026-03-21T05:00:00Z");
            HttpResponse<String> approved = api.post(API + "/held/" + held.heldId() + "/approve", "operator");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            JsonNode decision = AdminClient.json(approved);
            assertThat(fieldNames(decision)).containsExactly("heldId", "feedId", "status", "decidedBy", "decidedAt",
                    "publishedVersion", "newVersion");
            assertThat(decision.get("status").asText()).isEqualTo("APPROVED");
            assertThat(decision.get("decidedBy").asText()).isEqualTo("operator");
            assertThat(decision.get("decidedAt").asText()).isEqualTo("2026-03-21T05:00:00Z");
            String published = decision.get("publishedVersion").asText();
            assertThat(published).isEqualTo("20260321T1200");
            assertThat(decision.get("newVersion").asBoolean()).isTrue();
            try (var files = Files.list(TestApp.portal(home).resolve(PLACES))) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("data-" + published));
            }
            JsonNode after = AdminClient.json(api.get(API + "/feeds/" + PLACES + "/versions", "viewer"));
            assertThat(after.get("published").findValuesAsText("version")).containsExactly(published, "20260320T0900");
            assertThat(after.get("held")).isEmpty();
            assertThat(output).contains("approve by operator on held version " + held.heldId() + " of " + PLACES
                    + ": published as " + published);

            // deciding twice is a conflict that says who decided
            HttpResponse<String> again = api.post(API + "/held/" + held.heldId() + "/discard", "admin");
            assertProblem(again, 409, "held version " + held.heldId() + " of " + PLACES + " was already approved by operator");
            assertThat(output).contains("discard by admin on held version " + held.heldId() + " refused");

            // the same dirty data is held again; this time it is discarded
            clock.set("2026-03-22T02:00:00Z");
            FeedRun heldAgain = app.run(PLACES);
            assertThat(heldAgain.status()).isEqualTo(RunStatus.HELD);

            // while the feed file is broken, its passport is unknown: the held version cannot be approved
            java.nio.file.Path feedFile = TestApp.feeds(home).resolve(PLACES + ".yaml");
            String good = Files.readString(feedFile);
            Files.writeString(feedFile, "identifier: " + PLACES + "\ntitle: [unclosed\n");
            app.bean(ru.gov.tomsk.opendata.feed.FeedRegistry.class).load();
            assertProblem(api.post(API + "/held/" + heldAgain.heldId() + "/approve", "operator"), 409,
                    "held version " + heldAgain.heldId() + " cannot be approved: feed " + PLACES + " is not loaded");
            Files.writeString(feedFile, good);
            app.bean(ru.gov.tomsk.opendata.feed.FeedRegistry.class).load();
            HttpResponse<String> discarded = api.post(API + "/held/" + heldAgain.heldId() + "/discard", "operator");
            assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
            assertThat(AdminClient.json(discarded).get("status").asText()).isEqualTo("DISCARDED");
            assertThat(AdminClient.json(discarded).get("publishedVersion").isNull()).isTrue();
            assertThat(AdminClient.json(discarded).get("decidedBy").asText()).isEqualTo("operator");
            assertThat(AdminClient.json(api.get(API + "/feeds/" + PLACES + "/versions", "viewer")).get("published")
                    .findValuesAsText("version")).containsExactly(published, "20260320T0900");

            // precise errors
            assertProblem(api.post(API + "/held/999999/approve", "operator"), 404, "no held version 999999");
            assertProblem(api.post(API + "/held/abc/approve", "operator"), 400,
                    "path variable 'heldId' must be a whole number; got 'abc'");
            assertProblem(api.post(API + "/held/0/approve", "operator"), 400,
                    "path variable 'heldId' must be a positive whole number; got 0");
            assertProblem(api.get(API + "/feeds/7017069388-nosuch", "viewer"), 404,
                    "no feed '7017069388-nosuch' is registered");
            assertProblem(api.get(API + "/feeds/not-an-id", "viewer"), 400,
                    "parameter 'id' must be a feed identifier");
            assertProblem(api.get(API + "/feeds/" + PLACES + "/runs?limit=0", "viewer"), 400,
                    "query parameter 'limit' must be 1 to 1000; got 0");
            assertProblem(api.get(API + "/runs/abc/quarantine", "viewer"), 400,
                    "path variable 'runId' must be a whole number; got 'abc'");
            assertProblem(api.get(API + "/runs/999999/quarantine", "viewer"), 404, "no run 999999 is recorded");
            assertProblem(api.get(API + "/runs/" + held.id() + "/quarantine?format=xlsx", "viewer"), 400,
                    "query parameter 'format' must be json or csv; got 'xlsx'");
            assertProblem(api.post(API + "/feeds/7017069388-nosuch/run", "operator"), 404,
                    "no feed '7017069388-nosuch' is registered");
            assertProblem(api.post(API + "/feeds/" + BROKEN + "/run", "operator"), 409,
                    "feed " + BROKEN + " cannot run because its file is invalid: " + BROKEN + ".yaml:2:8");
            assertProblem(api.post(API + "/feeds/" + BROKEN + "/dry-run", "operator"), 409,
                    BROKEN + ".yaml:2:8: YAML syntax");
            assertThat(api.post(API + "/feeds/" + BROKEN + "/dry-run", "operator").body()).doesNotContain(home.toString());
        }
    }

    static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(AdminClient.contentType(response)).startsWith("application/problem+json");
        JsonNode problem = AdminClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void runScript(String url, String resource) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource(resource));
        }
    }
}
