package ru.gov.tomsk.opendata.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.w3c.dom.Document;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.dataset.CleanupCount;
import ru.gov.tomsk.opendata.dataset.CleanupExample;
import ru.gov.tomsk.opendata.dataset.CleanupKind;
import ru.gov.tomsk.opendata.format.CsvReader;
import ru.gov.tomsk.opendata.ops.DryRunResult;
import ru.gov.tomsk.opendata.ops.DryRuns;
import ru.gov.tomsk.opendata.ops.api.AdminClient;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.Golden;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.StructureValidators;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The value clean-up is visible: a real run over an H2 view records, per field and kind, how many values it changed
 * (run record, log, admin API, console), a dry run shows examples with invisible characters made visible, a field
 * with {@code keepControlCharacters} reaches CSV, JSON and XML with its CR and NEL (the XML still parses and
 * validates), and the quarantine names the record's key whenever the key converted.
 */
@ExtendWith(OutputCaptureExtension.class)
class CleanupEndToEndTest {

    static final String FEED = "7017069388-cleanup";
    static final String FILES = "data-20260320T0900-structure-20260320T0900";
    /** The memo of record 1 as published: CR LF and NEL kept, U+0001 removed. */
    static final String MEMO = "line one\r\nline two\u0085NEL";

    @TempDir
    Path home;

    @Test
    void aRunCountsTheCleanUpShowsItKeepsWhatTheFieldKeepsAndKeysItsQuarantine(CapturedOutput output) throws Exception {
        String source = Fixtures.h2Source();
        try (Connection c = DriverManager.getConnection(source, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("e2e/cleanup.sql"));
        }
        Fixtures.installFeed(home, FEED + ".yaml", FEED + ".yaml");
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Fixtures.sourceProperties(source, "sa", ""))) {
            FeedRun run = app.run(FEED);

            assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(List.of(run.rowsRead(), run.rowsWritten(), run.rowsRejected())).containsExactly(5L, 3L, 2L);
            // the published records only: the BEL of rejected record 4 does not count
            assertThat(run.cleanup()).extracting(CleanupCount::field, CleanupCount::kind, CleanupCount::values).containsExactly(
                    tuple("title", CleanupKind.CONTROL_CHARACTERS, 1L),
                    tuple("title", CleanupKind.LINE_BREAKS, 1L),
                    tuple("title", CleanupKind.EDGES, 1L),
                    tuple("title", CleanupKind.NFC, 1L),
                    tuple("memo", CleanupKind.CONTROL_CHARACTERS, 1L));
            assertThat(app.bean(RunLog.class).run(run.id())).get().extracting(FeedRun::cleanup).isEqualTo(run.cleanup());
            assertThat(output).contains("Feed " + FEED + ": the value clean-up changed source values — title: 1 control "
                    + "characters, 1 line breaks, 1 edges, 1 NFC; memo: 1 control characters");

            // record 4 failed at its date after its id converted: its key is named; record 5's id itself failed
            Golden.assertMatches(home.resolve("quarantine").resolve(FEED).resolve("run-" + run.id() + ".csv"),
                    "quarantine/cleanup-run.csv");

            assertPublishedFilesKeepTheMemo(TestApp.portal(home).resolve(FEED));

            AdminClient api = new AdminClient(app.port());
            JsonNode runs = AdminClient.json(api.get("/api/admin/feeds/" + FEED + "/runs", "viewer"));
            assertThat(runs.get(0).get("cleanup").toString()).isEqualTo("["
                    + "{\"field\":\"title\",\"kind\":\"CONTROL_CHARACTERS\",\"values\":1},"
                    + "{\"field\":\"title\",\"kind\":\"LINE_BREAKS\",\"values\":1},"
                    + "{\"field\":\"title\",\"kind\":\"EDGES\",\"values\":1},"
                    + "{\"field\":\"title\",\"kind\":\"NFC\",\"values\":1},"
                    + "{\"field\":\"memo\",\"kind\":\"CONTROL_CHARACTERS\",\"values\":1}]");
            assertThat(AdminClient.json(api.get("/api/admin/feeds/" + FEED, "viewer")).get("lastRun").get("cleanup"))
                    .hasSize(5);

            try (Console console = new Console(app.port())) {
                console.logIn("viewer");
                HtmlPage page = console.open("/admin/feeds/" + FEED);
                assertThat(Console.text(page, "cleanup-summary")).startsWith("Запуск № " + run.id() + " от 20.03.2026 09:00");
                assertThat(Console.texts(page, "#cleanup tbody td")).containsExactly(
                        "title", "удалены управляющие символы", "1",
                        "title", "переводы строк приведены к LF", "1",
                        "title", "убраны пробелы по краям", "1",
                        "title", "приведено к форме Unicode NFC", "1",
                        "memo", "удалены управляющие символы", "1");
                assertThat(Console.texts(page, "#runs tbody tr[data-run='" + run.id() + "'] .cleanup")).containsExactly(
                        "Очистка значений: title — удалены управляющие символы: 1; title — переводы строк приведены к LF: 1; "
                                + "title — убраны пробелы по краям: 1; title — приведено к форме Unicode NFC: 1; "
                                + "memo — удалены управляющие символы: 1.");
            }

            // a dry run counts the same and shows what changed, invisible characters written as code points
            DryRunResult dry = app.bean(DryRuns.class).dryRun(FEED, 10);
            assertThat(dry.cleanup()).isEqualTo(run.cleanup());
            assertThat(dry.cleanupExamples()).extracting(CleanupExample::field, CleanupExample::kind, CleanupExample::before,
                    CleanupExample::after).containsExactly(
                    tuple("title", CleanupKind.CONTROL_CHARACTERS, "control⟨U+0007⟩bell", "controlbell"),
                    tuple("memo", CleanupKind.CONTROL_CHARACTERS, "line one⟨U+000D⟩⟨U+000A⟩line two⟨U+0085⟩NEL⟨U+0001⟩",
                            "line one⟨U+000D⟩⟨U+000A⟩line two⟨U+0085⟩NEL"),
                    tuple("title", CleanupKind.EDGES, "⟨U+00A0⟩ Школа № 2  ", "Школа № 2"),
                    tuple("title", CleanupKind.LINE_BREAKS, "Кии⟨U+0306⟩⟨U+000D⟩⟨U+000A⟩второй корпус",
                            "Кий⟨U+000A⟩второй корпус"),
                    tuple("title", CleanupKind.NFC, "Кии⟨U+0306⟩⟨U+000D⟩⟨U+000A⟩второй корпус",
                            "Кий⟨U+000A⟩второй корпус"));
        }
    }

    private static void assertPublishedFilesKeepTheMemo(Path dir) throws Exception {
        // CSV: the kept CR makes the field quoted, and it reads back exactly
        List<String[]> csv = new ArrayList<>();
        try (CsvReader reader = new CsvReader(Files.newBufferedReader(dir.resolve(FILES + ".csv"), StandardCharsets.UTF_8))) {
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                csv.add(row);
            }
        }
        assertThat(csv).extracting(Arrays::asList).containsExactly(
                List.of("id", "title", "memo", "opened"),
                List.of("1", "controlbell", MEMO, "1990-09-01"),
                List.of("2", "Школа № 2", "a\rb", "2020-02-01"),
                Arrays.asList("3", "Кий\nвторой корпус", null, null));
        assertThat(Files.readString(dir.resolve(FILES + ".csv"))).contains(",\"" + MEMO + "\",");

        // XML: CR as a reference, or a parser would turn it into LF; NEL as it is (XML 1.0 allows it)
        byte[] xml = Files.readAllBytes(dir.resolve(FILES + ".xml"));
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<memo>line one&#13;\nline two\u0085NEL</memo>")
                .contains("<memo>a&#13;b</memo>");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document parsed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        assertThat(parsed.getElementsByTagName("memo").item(0).getTextContent()).isEqualTo(MEMO);
        assertThat(parsed.getElementsByTagName("memo").item(1).getTextContent()).isEqualTo("a\rb");
        Path xsd = dir.resolve("structure-20260320T0900.xsd");
        StructureValidators.validateXml(StructureValidators.xsd(Files.readAllBytes(xsd)), xml);
        xmllint(xsd, dir.resolve(FILES + ".xml"));

        // JSON: CR and LF escaped, NEL as it is; valid against the published schema
        byte[] json = Files.readAllBytes(dir.resolve(FILES + ".json"));
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"line one\\r\\nline two\u0085NEL\"");
        JsonNode records = new ObjectMapper().readTree(json);
        assertThat(records.get(0).get("memo").asText()).isEqualTo(MEMO);
        assertThat(records.get(1).get("memo").asText()).isEqualTo("a\rb");
        assertThat(StructureValidators.jsonErrors(StructureValidators.jsonSchema(
                Files.readAllBytes(dir.resolve("structure-20260320T0900.json"))), json)).isEmpty();
    }

    /** libxml2, the validator most consumers use, when the machine has it. */
    private static void xmllint(Path xsd, Path xml) throws Exception {
        boolean onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "xmllint")));
        if (!onPath) {
            return;
        }
        Process xmllint = new ProcessBuilder("xmllint", "--noout", "--schema", xsd.toString(), xml.toString())
                .redirectErrorStream(true).start();
        String said = new String(xmllint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(xmllint.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(xmllint.exitValue()).as(said).isZero();
        assertThat(said).contains("validates");
    }
}
