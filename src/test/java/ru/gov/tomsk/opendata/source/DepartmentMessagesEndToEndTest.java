package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.ops.console.Console.text;
import static ru.gov.tomsk.opendata.ops.console.Console.texts;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;

import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.api.AdminClient;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * What a department reads when something goes wrong, through the real service, in the console (HtmlUnit) and the
 * admin API: a feed file with a YAML mistake, a drop without a column the feed reads, a drop in the wrong encoding,
 * a value that cannot be read, and a source that cannot be reached. Each is told in plain Russian first, then
 * «Подробности: » and the technical detail; the log keeps the English alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class DepartmentMessagesEndToEndTest {

    static final String BROKEN = "7017069388-broken";
    static final String DOWN = "7017069388-ftpdown";
    static final String API = "/api/admin";
    static final String DETAIL = " Подробности: ";

    @TempDir
    Path home;

    Path inbox() {
        return home.resolve("inbox");
    }

    @Test
    void everyKindOfErrorReadsInRussianFirstInTheConsoleAndTheApi(CapturedOutput output) throws Exception {
        // UTF-8 named, not told from the bytes: a file in another encoding is then refused
        Drops.installFeed(home, """
                  kind: file
                  directory: ${DROPS_DIR}
                  include: organisations*.csv
                  minAge: 1s
                  format: csv
                  charset: utf-8
                """);
        Drops.installFeed(home, DOWN, Drops.ftpSource("DOWN", "/inbox", "1s"));
        // a colon in an unquoted title
        Files.writeString(TestApp.feeds(home).resolve(BROKEN + ".yaml"),
                "identifier: " + BROKEN + "\ntitle: Школы: адреса\n");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> props = Map.of("DROPS_DIR", inbox().toString(), "DOWN_PORT", String.valueOf(closedPort),
                "DOWN_USER", "feeder", "DOWN_PASSWORD", "secret");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, props); Console console = new Console(app.port())) {
            AdminClient api = new AdminClient(app.port());
            console.logIn(TestUsers.OPERATOR);

            // a YAML mistake: advice at its line, in the console and in the validate API
            HtmlPage broken = console.open("/admin/feeds/" + BROKEN);
            String advice = "В строке 2 значение свойства «title» содержит двоеточие: поставьте значение в кавычки, "
                    + "например title: \"Школы: адреса\".";
            assertThat(text(broken, "reason-detail")).endsWith(BROKEN + ".yaml:2:13: " + advice + DETAIL
                    + "YAML syntax: mapping values are not allowed here").doesNotContain(home.toString());
            JsonNode validation = AdminClient.json(api.post(API + "/feeds/validate", "viewer", "application/yaml",
                    "identifier: " + BROKEN + "\ntitle: Школы: адреса\n"));
            assertThat(validation.get("valid").asBoolean()).isFalse();
            JsonNode problem = validation.get("problems").get(0);
            assertThat(problem.get("line").asInt()).isEqualTo(2);
            assertThat(problem.get("message").asText()).isEqualTo(advice + DETAIL
                    + "YAML syntax: mapping values are not allowed here");
            assertThat(problem.get("detail").asText()).isEqualTo("YAML syntax: mapping values are not allowed here");
            // the log: English, on one line with the location
            assertThat(output.getAll()).contains(BROKEN + ".yaml:2:13: YAML syntax: mapping values are not allowed here")
                    .doesNotContain("поставьте значение в кавычки");

            // the drop lacks a column the feed reads
            Drops.drop(inbox(), "organisations.csv", "id,name,Сумма,opened,active\r\n1,Школа,1,01.09.1990,да\r\n",
                    DROPPED_AT);
            FeedRun missing = Drops.run(app, FEED);
            assertThat(missing.status()).isEqualTo(RunStatus.FAILED);
            assertThat(missing.message()).contains("the source has no column 'amount' for field 'amount'");
            String noColumn = "В источнике нет столбца «amount», из которого берётся поле «amount».";
            HtmlPage page = console.open("/admin/feeds/" + FEED);
            assertThat(text(page, "reason")).startsWith("Последний запуск завершился ошибкой");
            assertThat(text(page, "reason-detail")).startsWith(noColumn)
                    .contains(DETAIL + "the source has no column 'amount' for field 'amount'");
            assertThat(texts(page, "#runs tbody tr td.message").get(0)).startsWith(noColumn);
            JsonNode runs = AdminClient.json(api.get(API + "/feeds/" + FEED + "/runs", "viewer"));
            assertThat(runs.get(0).get("message").asText()).startsWith(noColumn)
                    .contains(DETAIL + "the source has no column 'amount'");
            // the reason file beside the refused drop says it the same way
            assertThat(inbox().resolve(".error/organisations.csv.error.txt")).content().contains("Reason: " + noColumn);
            assertThat(output.getAll()).doesNotContain("ERROR " + noColumn);

            // the drop in Windows Cyrillic while the feed expects UTF-8
            clock.set("2026-03-21T02:00:00Z");
            Path cp1251 = inbox().resolve("organisations-1251.csv");
            Files.write(cp1251, "id,name,amount,opened,active\r\n1,Школа № 1,1,01.09.1990,да\r\n"
                    .getBytes(Charset.forName("windows-1251")));
            Files.setLastModifiedTime(cp1251, FileTime.from(DROPPED_AT));
            FeedRun encoding = Drops.run(app, FEED);
            assertThat(encoding.status()).isEqualTo(RunStatus.FAILED);
            assertThat(text(console.open("/admin/feeds/" + FEED), "reason-detail"))
                    .startsWith("Файл с данными не принят: он сохранён не в той кодировке, что ожидалась (utf-8).")
                    .contains(DETAIL).contains("bytes that are not valid utf-8");

            // a value that cannot be read: the record is rejected with a Russian reason
            clock.set("2026-03-22T02:00:00Z");
            Drops.drop(inbox(), "organisations-2.csv", "id,name,amount,opened,active\r\n"
                    + "1,Школа № 1,много,01.09.1990,да\r\n" + "2,Школа № 2,5,01.09.1991,нет\r\n", DROPPED_AT);
            FeedRun rejecting = Drops.run(app, FEED);
            assertThat(rejecting.rowsRejected()).isEqualTo(1);
            String reason = "Значение не читается как число." + DETAIL
                    + "field amount, value 'много': not a valid number";
            assertThat(texts(console.open("/admin/feeds/" + FEED), "#quarantine tbody tr td.message"))
                    .containsExactly("много", reason);
            JsonNode quarantine = AdminClient.json(api.get(API + "/runs/" + rejecting.id() + "/quarantine", "viewer"));
            assertThat(quarantine.get("rows").get(0).get("reason").asText()).isEqualTo(reason);

            // an FTP server that is not there
            FeedRun down = Drops.run(app, DOWN);
            assertThat(down.status()).isEqualTo(RunStatus.FAILED);
            HtmlPage downPage = console.open("/admin/feeds/" + DOWN);
            assertThat(text(downPage, "reason-detail")).startsWith("Источник данных недоступен: сервер не принимает "
                    + "соединения").contains(DETAIL + "source failed: cannot read ftp://").doesNotContain("secret");
            assertThat(AdminClient.json(api.get(API + "/feeds/" + DOWN + "/runs", "viewer")).get(0).get("message")
                    .asText()).startsWith("Источник данных недоступен");
            // the status and the log keep the service's English
            assertThat(AdminClient.json(api.get(API + "/feeds/" + DOWN, "viewer")).get("reason").asText())
                    .startsWith("last run failed: source failed: cannot read ftp://");
            assertThat(output.getAll()).doesNotContain("ERROR Источник");
        }
    }
}
