package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;
import static ru.gov.tomsk.opendata.source.Drops.GOOD_CSV;
import static ru.gov.tomsk.opendata.source.Drops.RAGGED_CSV;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.api.AdminClient;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestFtpServer;
import ru.gov.tomsk.opendata.support.TestSftpServer;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * A file a drop feed refused lies in {@code .error/} with its reason; the console and the API list it, and after a
 * fix (of the file or of the feed) move it back into the drop directory, its reason beside it, where the next run
 * reads it again, even unchanged. A later success removes every trace of the refusal. Local, FTP and SFTP drops.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequeueEndToEndTest {

    static final String NAME = "organisations.csv";
    static final String HIDDEN_REASON = "." + NAME + ".error.txt";
    static final String LIST = "/api/admin/feeds/" + FEED + "/rejected-files";
    static final String REQUEUE = LIST + "/" + NAME + "/requeue";
    /** The drops feed reading its directory with the wrong separator: every file is refused for a missing column. */
    static final String WRONG_SEPARATOR = """
              kind: file
              directory: ${DROPS_DIR}
              include: organisations*.csv
              minAge: 1s
              format: csv
              separator: ";"
            """;

    @TempDir
    Path home;

    Path inbox() {
        return home.resolve("inbox");
    }

    Map<String, Object> localProps() {
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        props.put("DROPS_DIR", inbox().toString());
        return props;
    }

    @Test
    void aFileRefusedForTheFeedsMistakeIsRequeuedFromTheConsoleAndPublishedUnchanged(CapturedOutput output)
            throws Exception {
        Drops.installFeed(home, WRONG_SEPARATOR);
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Map<String, Object> props = localProps();
        try (TestApp app = TestApp.start(home, clock, props)) {
            Drops.drop(inbox(), NAME, GOOD_CSV, DROPPED_AT);
            assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.FAILED);
        }
        Path errors = inbox().resolve(".error");
        assertThat(errors.resolve(NAME)).hasContent(GOOD_CSV);
        String reason = Files.readString(errors.resolve(NAME + ".error.txt"));

        // the feed file is fixed; the file itself was right
        Drops.installFeed(home, null);
        try (TestApp app = TestApp.start(home, clock, props)) {
            AdminClient api = new AdminClient(app.port());
            JsonNode listed = AdminClient.json(ok(api.get(LIST, TestUsers.VIEWER)));
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("name").asText()).isEqualTo(NAME);
            assertThat(listed.get(0).get("size").asLong()).isEqualTo(Files.size(errors.resolve(NAME)));
            assertThat(listed.get(0).get("reason").asText()).isEqualTo(reason);
            assertThat(listed.get(0).get("failedAt").isNull()).isFalse();
            assertThat(listed.get(0).get("requeue").asText()).isEqualTo(REQUEUE);

            // a viewer sees the file and its reason but cannot move it
            assertThat(api.post(REQUEUE, TestUsers.VIEWER).statusCode()).isEqualTo(403);
            try (Console viewer = new Console(app.port())) {
                viewer.logIn(TestUsers.VIEWER);
                HtmlPage page = viewer.open("/admin/feeds/" + FEED);
                assertThat(Console.texts(page, "#rejected tbody tr")).hasSize(1);
                assertThat(page.querySelectorAll("#rejected button")).isEmpty();
                assertThat(viewer.postStatus(page, "/admin/feeds/" + FEED + "/rejected-files/requeue?name=" + NAME))
                        .isEqualTo(403);
            }
            assertThat(errors.resolve(NAME)).exists();

            try (Console console = new Console(app.port())) {
                console.logIn(TestUsers.OPERATOR);
                HtmlPage page = console.open("/admin/feeds/" + FEED);
                String section = Console.text(page, "rejected-files");
                assertThat(section).contains("Файлы с ошибками").contains("исправьте файл")
                        .contains("Вернуть в обработку").contains(NAME)
                        .contains(reason.lines().reduce((first, last) -> last).orElseThrow().strip());
                HtmlPage after = Console.click(page.querySelector("#rejected tr[data-file='" + NAME + "'] button"));
                assertThat(after.getUrl().getPath()).isEqualTo("/admin/feeds/" + FEED);
                assertThat(Console.text(after, "flash")).contains("«" + NAME + "» возвращён в обработку");
                assertThat(Console.text(after, "rejected-empty")).isEqualTo("Файлов с ошибками нет.");
            }
            // back in the drop directory, its reason beside it, hidden from the consumer
            assertThat(Drops.files(inbox())).containsExactly(HIDDEN_REASON, NAME);
            assertThat(inbox().resolve(NAME)).hasContent(GOOD_CSV);
            assertThat(inbox().resolve(HIDDEN_REASON)).hasContent(reason);
            assertThat(Drops.files(errors)).isEmpty();
            assertThat(output.getAll()).contains("requeue by operator on feed " + FEED + " file " + NAME
                    + ": moved back from .error/ into the drop directory (console)");

            // the same file, unchanged, is read again and published; nothing of the refusal is left
            FeedRun published = Drops.run(app, FEED);
            assertThat(published.status()).as(published.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(published.rowsWritten()).isEqualTo(3);
            assertThat(Drops.files(inbox())).isEmpty();
            assertThat(Drops.files(errors)).isEmpty();
            assertThat(inbox().resolve(".done/20260320/" + NAME)).hasContent(GOOD_CSV);
            assertThat(AdminClient.json(ok(api.get(LIST, TestUsers.VIEWER)))).isEmpty();
        }
    }

    @Test
    void namesThatAreNotARefusedFileAndFeedsWithoutADropAreRefusedWithAProblem() throws Exception {
        Drops.installFeed(home, null);
        Fixtures.installFixtureFeed(home);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), localProps())) {
            Drops.drop(inbox(), NAME, RAGGED_CSV, DROPPED_AT);
            assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.FAILED);
            Map<String, String> before = Fixtures.snapshot(inbox());
            AdminClient api = new AdminClient(app.port());

            assertProblem(api.post(LIST + "/.hidden.csv/requeue", TestUsers.OPERATOR), 400, "starts with a dot");
            assertProblem(api.post(LIST + "/" + NAME + ".error.txt/requeue", TestUsers.OPERATOR), 400,
                    "is a reason file");
            assertProblem(api.post(LIST + "/missing.csv/requeue", TestUsers.OPERATOR), 404,
                    "no refused file 'missing.csv'");
            assertProblem(api.get("/api/admin/feeds/" + Fixtures.FEED + "/rejected-files", TestUsers.VIEWER), 409,
                    "not dropped files");
            assertProblem(api.post("/api/admin/feeds/" + Fixtures.FEED + "/rejected-files/" + NAME + "/requeue",
                    TestUsers.OPERATOR), 409, "not dropped files");
            assertProblem(api.get("/api/admin/feeds/7017069388-nothing/rejected-files", TestUsers.VIEWER), 404,
                    "7017069388-nothing");
            // a way up the tree never reaches the file system, whichever layer refuses it
            for (String traversal : new String[] {"..", "%2E%2E", "..%2F..%2Fetc%2Fpasswd", "a%5C..%5Cb"}) {
                assertThat(api.post(LIST + "/" + traversal + "/requeue", TestUsers.OPERATOR).statusCode())
                        .as(traversal).isIn(400, 404);
            }
            assertThat(Fixtures.snapshot(inbox())).isEqualTo(before);
            assertThat(Drops.files(inbox().resolve(".error"))).containsExactly(NAME, NAME + ".error.txt");

            // a new drop of the same name waits already: it is not overwritten
            Drops.drop(inbox(), NAME, GOOD_CSV, DROPPED_AT.plusSeconds(60));
            assertProblem(api.post(REQUEUE, TestUsers.OPERATOR), 409, "is waiting in");
            assertThat(inbox().resolve(NAME)).hasContent(GOOD_CSV);
            assertThat(Drops.files(inbox().resolve(".error"))).containsExactly(NAME, NAME + ".error.txt");
        }
        // the name check itself, for names no HTTP path delivers intact
        for (String name : new String[] {"..", ".", "../x.csv", "a/b.csv", "a\\b.csv", "..\\x.csv", "x\u0000.csv", ""}) {
            try {
                RejectedFiles.checkName(name);
                throw new AssertionError("accepted " + name);
            } catch (RejectedFileException e) {
                assertThat(e.reason()).isEqualTo(RejectedFileException.Reason.BAD_NAME);
            }
        }
        assertThat(RejectedFiles.checkName("Школы 2026; итог..csv")).isEqualTo("Школы 2026; итог..csv");
    }

    @Test
    void aFixedFileDroppedAgainUnderTheSameNameClearsTheStaleRefusal() throws Exception {
        Drops.installFeed(home, null);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Map.of("DROPS_DIR", inbox().toString()))) {
            Drops.drop(inbox(), NAME, RAGGED_CSV, DROPPED_AT);
            assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.FAILED);
            assertThat(Drops.files(inbox().resolve(".error"))).containsExactly(NAME, NAME + ".error.txt");

            Drops.drop(inbox(), NAME, GOOD_CSV, DROPPED_AT.plusSeconds(60));
            assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Drops.files(inbox().resolve(".error"))).isEmpty();
            assertThat(AdminClient.json(ok(new AdminClient(app.port()).get(LIST, TestUsers.VIEWER)))).isEmpty();
        }
    }

    @Test
    void aRequeuedFileGetsBackTheDoneFileItsFeedWaitsFor() throws Exception {
        Drops.installFeed(home, """
                  kind: file
                  directory: ${DROPS_DIR}
                  include: organisations*.csv
                  doneFileName: ${file:name.noext}.ready
                  minAge: 1s
                  format: csv
                """);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Map.of("DROPS_DIR", inbox().toString()))) {
            Drops.drop(inbox(), NAME, RAGGED_CSV, DROPPED_AT);
            Drops.drop(inbox(), "organisations.ready", "", DROPPED_AT);
            assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.FAILED);
            // the consumer removed the done-file with the refusal
            assertThat(Drops.files(inbox())).isEmpty();

            Drops.drop(inbox().resolve(".error"), NAME, GOOD_CSV, DROPPED_AT.plusSeconds(60));
            ok(new AdminClient(app.port()).post(REQUEUE, TestUsers.OPERATOR));
            assertThat(Drops.files(inbox())).containsExactly(HIDDEN_REASON, NAME, "organisations.ready");
            assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Drops.files(inbox())).isEmpty();
            assertThat(Drops.files(inbox().resolve(".error"))).isEmpty();
        }
    }

    @Test
    void aRefusedFileOnAnFtpServerIsRequeuedThereReadAgainAndPublishedOnceFixed(CapturedOutput output,
                                                                               @TempDir Path serverRoot)
            throws Throwable {
        String password = "Ftp&Requeue+41%2=x";
        try (TestFtpServer server = TestFtpServer.serving(serverRoot).login("opendata", password).start()) {
            Drops.installFeed(home, Drops.ftpSource("inbox", "1s"));
            assertRequeuedOnTheServer(serverRoot.resolve("inbox"), Drops.ftpProps(server, "opendata", password),
                    password, app -> {
                        // the server is down: the API says so, the page says so in the section and still shows
                        server.stop();
                        assertProblem(new AdminClient(app.port()).get(LIST, TestUsers.VIEWER), 502,
                                "cannot reach its drop directory");
                        try (Console console = new Console(app.port())) {
                            console.logIn(TestUsers.OPERATOR);
                            HtmlPage page = console.open("/admin/feeds/" + FEED);
                            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
                            assertThat(Console.text(page, "rejected-error")).contains("каталог выгрузки недоступен")
                                    .contains("ftp://opendata@127.0.0.1:" + server.port() + "/inbox")
                                    .doesNotContain(password);
                        }
                    });
        }
        assertThat(output.getAll()).doesNotContain(password);
    }

    @Test
    void aRefusedFileOnAnSftpServerIsRequeuedThereReadAgainAndPublishedOnceFixed(CapturedOutput output,
                                                                                @TempDir Path serverRoot,
                                                                                @TempDir Path keys) throws Throwable {
        String password = "Sftp&Requeue+42%3=a";
        try (TestSftpServer server = TestSftpServer.serving(serverRoot).password("opendata", password).start()) {
            Drops.installFeed(home, Drops.sftpSource("inbox", "1s"));
            assertRequeuedOnTheServer(serverRoot.resolve("inbox"),
                    Drops.sftpProps(server, "opendata", password, keys.resolve("known_hosts")), password, app -> { });
        }
        assertThat(output.getAll()).doesNotContain(password);
    }

    /**
     * A ragged drop is refused; re-queued unchanged, it is read again and refused again, with a new reason; fixed in
     * {@code .error/} and re-queued, it is published and nothing of the refusals is left on the server.
     */
    private void assertRequeuedOnTheServer(Path inbox, Map<String, Object> props, String password,
                                           ThrowingConsumer<TestApp> afterwards) throws Throwable {
        Path errors = inbox.resolve(".error");
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
            AdminClient api = new AdminClient(app.port());
            Drops.drop(inbox, NAME, RAGGED_CSV, DROPPED_AT);
            FeedRun refused = Drops.run(app, FEED);
            assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
            String reason = Files.readString(errors.resolve(NAME + ".error.txt"));

            HttpResponse<String> list = ok(api.get(LIST, TestUsers.VIEWER));
            assertThat(list.body()).doesNotContain(password);
            JsonNode listed = AdminClient.json(list);
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("name").asText()).isEqualTo(NAME);
            assertThat(listed.get(0).get("reason").asText()).isEqualTo(reason);

            JsonNode requeued = AdminClient.json(ok(api.post(REQUEUE, TestUsers.OPERATOR)));
            assertThat(requeued.get("name").asText()).isEqualTo(NAME);
            assertThat(requeued.get("requeuedBy").asText()).isEqualTo(TestUsers.OPERATOR);
            assertThat(Drops.files(inbox)).containsExactly(HIDDEN_REASON, NAME);
            assertThat(inbox.resolve(HIDDEN_REASON)).hasContent(reason);
            assertThat(Drops.files(errors)).isEmpty();
            assertProblem(api.post(REQUEUE, TestUsers.OPERATOR), 404, "no refused file");

            // unchanged, it is read again and refused again: the new reason replaces the one it took along
            FeedRun again = Drops.run(app, FEED);
            assertThat(again.id()).isGreaterThan(refused.id());
            assertThat(again.status()).isEqualTo(RunStatus.FAILED);
            assertThat(Drops.files(inbox)).isEmpty();
            assertThat(Drops.files(errors)).containsExactly(NAME, NAME + ".error.txt");

            // the department fixes the file where it lies and re-queues it
            Drops.drop(errors, NAME, GOOD_CSV, DROPPED_AT.plusSeconds(120));
            ok(api.post(REQUEUE, TestUsers.OPERATOR));
            FeedRun published = Drops.run(app, FEED);
            assertThat(published.status()).as(published.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(published.rowsWritten()).isEqualTo(3);
            assertThat(Drops.files(inbox)).isEmpty();
            assertThat(Drops.files(errors)).isEmpty();
            assertThat(inbox.resolve(".done/20260320/" + NAME)).hasContent(GOOD_CSV);
            assertThat(AdminClient.json(ok(api.get(LIST, TestUsers.VIEWER)))).isEmpty();
            afterwards.accept(app);
        }
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(AdminClient.json(response).get("detail").asText()).contains(detail);
    }
}
