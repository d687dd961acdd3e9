package ru.gov.tomsk.opendata.ops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.ops.dryrun.DraftFiles;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * The drafts API: multipart parts {@code feed} and {@code sample}, each refusal naming the part, the size limits,
 * the roles and a DEPARTMENT account's own INNs; a dry run writes nothing, an installation writes the feed file and
 * drops the sample, and the live reload loads it.
 */
class DraftApiTest {

    private static final String DRY_RUN = "/api/admin/drafts/dry-run";
    private static final String INSTALL = "/api/admin/drafts/install";
    private static final String OTHER_INN_FEED = "7017000420-drops";

    @TempDir
    Path home;

    @Test
    void triesAndInstallsDraftsWithPreciseRefusals() throws Exception {
        Path inbox = home.resolve("inbox");
        String yaml = DraftFiles.draft("  kind: file\n  directory: " + inbox + "\n  include: organisations*.csv\n"
                + "  format: csv\n");
        byte[] cp1251 = "id;name;amount;opened;active\r\n1;Школа № 1;1;01.09.1990;да\r\n".getBytes(Charset.forName("windows-1251"));
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Map.of("opendata.dry-run.max-sample-size", "4KB"))) {
            AdminClient api = new AdminClient(app.port());
            Map<String, String> filesBefore = Fixtures.snapshot(home);
            filesBefore.keySet().removeIf(name -> name.startsWith("state"));

            HttpResponse<String> ok = api.postParts(DRY_RUN + "?rows=5", TestUsers.DEPARTMENT,
                    parts(AdminClient.Part.file("draft.yaml", yaml), new AdminClient.Part("organisations.csv", cp1251)));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            JsonNode draft = AdminClient.json(ok);
            assertThat(draft.path("identifier").asText()).isEqualTo(DraftFiles.FEED);
            assertThat(draft.path("passport").path("title").asText()).isEqualTo("Тестовый набор «Организации» из выгрузки файлом");
            assertThat(draft.path("sample").asText()).isEqualTo("organisations.csv");
            assertThat(draft.path("result").path("rowsRead").asLong(-1)).as(ok.body()).isEqualTo(1);
            assertThat(draft.path("result").path("firstRows").get(0).get(1).asText()).isEqualTo("Школа № 1");
            assertThat(draft.path("columns").path("missing").size()).isZero();

            // another organisation's draft, for a DEPARTMENT account: refused, in Russian first
            HttpResponse<String> other = api.postParts(DRY_RUN, TestUsers.DEPARTMENT, parts(AdminClient.Part.file(
                    "draft.yaml", yaml.replace(DraftFiles.FEED, OTHER_INN_FEED)), null));
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(AdminClient.json(other).path("detail").asText()).startsWith("Набор «" + OTHER_INN_FEED
                    + "» принадлежит другой организации").contains("7017069388").contains("Подробности: ");
            // an operator may try any
            HttpResponse<String> operator = api.postParts(DRY_RUN, TestUsers.OPERATOR, parts(AdminClient.Part.file(
                    "draft.yaml", yaml.replace(DraftFiles.FEED, OTHER_INN_FEED)), new AdminClient.Part("organisations.csv", cp1251)));
            assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
            // a VIEWER may not try drafts at all
            assertThat(api.postParts(DRY_RUN, TestUsers.VIEWER, parts(AdminClient.Part.file("d.yaml", yaml), null))
                    .statusCode()).isEqualTo(403);
            assertThat(api.postParts(DRY_RUN, null, parts(AdminClient.Part.file("d.yaml", yaml), null)).statusCode())
                    .isEqualTo(401);

            // bad parts, each named
            HttpResponse<String> noFeed = api.postParts(DRY_RUN, TestUsers.DEPARTMENT,
                    parts(null, new AdminClient.Part("organisations.csv", cp1251)));
            assertThat(noFeed.statusCode()).isEqualTo(400);
            assertThat(AdminClient.json(noFeed).path("detail").asText()).contains("part 'feed' is missing");
            Map<String, AdminClient.Part> extra = parts(AdminClient.Part.file("d.yaml", yaml), null);
            extra.put("data", AdminClient.Part.file("x.csv", "a"));
            HttpResponse<String> unknown = api.postParts(DRY_RUN, TestUsers.DEPARTMENT, extra);
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(AdminClient.json(unknown).path("detail").asText()).contains("unknown part(s) [data]");
            HttpResponse<String> notUtf8 = api.postParts(DRY_RUN, TestUsers.DEPARTMENT, parts(new AdminClient.Part(
                    "d.yaml", yaml.getBytes(Charset.forName("windows-1251"))), null));
            assertThat(notUtf8.statusCode()).isEqualTo(400);
            assertThat(AdminClient.json(notUtf8).path("detail").asText()).startsWith("Описание набора должно быть "
                    + "сохранено в кодировке UTF-8").contains("part 'feed' is not valid UTF-8");
            HttpResponse<String> invalid = api.postParts(DRY_RUN, TestUsers.DEPARTMENT, parts(AdminClient.Part.file(
                    "d.yaml", yaml.replace("frequency: quarterly", "frequency: sometimes")), null));
            assertThat(invalid.statusCode()).isEqualTo(422);
            JsonNode problems = AdminClient.json(invalid).path("problems");
            assertThat(problems.size()).isEqualTo(1);
            assertThat(problems.get(0).path("property").asText()).isEqualTo("frequency");
            assertThat(problems.get(0).path("line").asInt()).isEqualTo(7);
            HttpResponse<String> rows = api.postParts(DRY_RUN + "?rows=0", TestUsers.DEPARTMENT,
                    parts(AdminClient.Part.file("d.yaml", yaml), null));
            assertThat(rows.statusCode()).isEqualTo(400);
            assertThat(AdminClient.json(rows).path("detail").asText()).contains("rows to show must be 1 to");
            HttpResponse<String> json = api.post(DRY_RUN, TestUsers.DEPARTMENT, "application/json", "{}");
            assertThat(json.statusCode()).isEqualTo(415);
            assertThat(AdminClient.json(json).path("detail").asText()).contains("multipart/form-data");

            // sizes: over the sample's limit (4 KB here), and over what a request may carry at all
            HttpResponse<String> big = api.postParts(DRY_RUN, TestUsers.DEPARTMENT, parts(AdminClient.Part.file(
                    "d.yaml", yaml), new AdminClient.Part("organisations.csv", new byte[5000])));
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(AdminClient.json(big).path("detail").asText()).contains("part 'sample' has 5000 bytes; at most 4096");
            HttpResponse<String> huge = api.postParts(DRY_RUN, TestUsers.DEPARTMENT, parts(AdminClient.Part.file(
                    "d.yaml", yaml), new AdminClient.Part("organisations.csv", new byte[400 * 1024])));
            assertThat(huge.statusCode()).isEqualTo(413);
            assertThat(AdminClient.json(huge).path("detail").asText()).contains("part 'sample' at most 4096 bytes");

            // nothing of all this was written
            Map<String, String> filesAfter = Fixtures.snapshot(home);
            filesAfter.keySet().removeIf(name -> name.startsWith("state"));
            assertThat(filesAfter).isEqualTo(filesBefore);
            assertThat(app.runs(DraftFiles.FEED)).isEmpty();

            // installing: refused as a form would send it, then done with the header a form cannot send
            Map<String, AdminClient.Part> install = parts(AdminClient.Part.file("d.yaml", yaml),
                    new AdminClient.Part("organisations-2026.csv", cp1251));
            assertThat(api.postParts(INSTALL, TestUsers.DEPARTMENT, install).statusCode()).isEqualTo(415);
            HttpResponse<String> otherInstall = api.postParts(INSTALL, TestUsers.DEPARTMENT, parts(AdminClient.Part.file(
                    "d.yaml", yaml.replace(DraftFiles.FEED, OTHER_INN_FEED)), null), "X-Requested-With", "test");
            assertThat(otherInstall.statusCode()).isEqualTo(403);
            assertThat(TestApp.feeds(home).resolve(OTHER_INN_FEED + ".yaml")).doesNotExist();
            HttpResponse<String> installed = api.postParts(INSTALL, TestUsers.DEPARTMENT, install, "X-Requested-With", "test");
            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
            assertThat(AdminClient.json(installed).path("feedFile").asText()).isEqualTo(DraftFiles.FEED + ".yaml");
            assertThat(Files.readString(TestApp.feeds(home).resolve(DraftFiles.FEED + ".yaml"))).isEqualTo(yaml);
            assertThat(Files.readAllBytes(inbox.resolve("organisations-2026.csv"))).isEqualTo(cp1251);
            try (var left = Files.list(TestApp.feeds(home))) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> app.bean(FeedRegistry.class).feed(DraftFiles.FEED).isPresent());
            // the same sample again finds the first still waiting in the drop
            HttpResponse<String> again = api.postParts(INSTALL, TestUsers.DEPARTMENT, install, "X-Requested-With", "test");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(AdminClient.json(again).path("detail").asText()).startsWith("В папке приёма уже лежит файл "
                    + "«organisations-2026.csv»");
        }
    }

    private static Map<String, AdminClient.Part> parts(AdminClient.Part feed, AdminClient.Part sample) {
        Map<String, AdminClient.Part> parts = new LinkedHashMap<>();
        if (feed != null) {
            parts.put("feed", feed);
        }
        if (sample != null) {
            parts.put("sample", sample);
        }
        return parts;
    }
}
