package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.support.Workbooks.row;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.Workbooks;

/**
 * The payload formats a department may drop, through the real application and the {@code file} source kind: the
 * same three organisations arrive as a Russian Excel CSV (Windows-1251, ';'), a UTF-8 CSV with a BOM (','), an XLSX
 * workbook, a JSON document and an XML export, each into a feed of its own, and every one of them must publish the
 * very same data file. A hostile XML drop (an external entity in a DOCTYPE) must be refused without reading the
 * file the entity names.
 *
 * <p>One application start for all of it (each feed has its own inbox), so the class stays fast; the scenarios
 * are independent of each other's order except that the XXE one compares the whole published tree before and
 * after its run.
 */
class PayloadDropsEndToEndTest {

    static final String CP1251 = "7017069388-drops_cp1251";
    static final String UTF8 = "7017069388-drops_utf8";
    static final String XLSX = "7017069388-drops_xlsx";
    static final String JSON = "7017069388-drops_json";
    static final String XML = "7017069388-drops_xml";
    static final String XXE = "7017069388-drops_xxe";

    /**
     * What every feed of this class must publish, byte for byte: the RFC 4180 dialect of the portal (',' and CRLF,
     * quotes only where needed, '"' doubled), canonical numbers and ISO dates, and a line break inside a value kept
     * as one LF inside quotes.
     */
    static final String PUBLISHED = "id,name,amount,opened,note\r\n"
            + "1,Школа № 1,1234.5,1990-09-01,Директор: Ёлкина А. П.\r\n"
            + "2,\"МАОУ \"\"Гимназия № 2\"\"\",0,,\r\n"
            + "3,\"Детский сад, корпус 2; филиал\",1000000,2015-06-15,\"ул. Ленина, 1\nвход со двора\"\r\n";

    /**
     * What Russian Excel writes for "CSV (разделители — запятые)": Windows-1251 without a BOM, ';' between fields,
     * a decimal comma and no-break spaces between digit groups, CRLF between records and a bare LF inside a quoted
     * cell. Field 3 holds both separators, so it is quoted whichever one the file uses.
     */
    static final String EXCEL_1251_TEXT = "id;name;amount;opened;note\r\n"
            + "1;Школа № 1;1234,50;01.09.1990;Директор: Ёлкина А. П.\r\n"
            + "2;\"МАОУ \"\"Гимназия № 2\"\"\";0,00;;\r\n"
            + "3;\"Детский сад, корпус 2; филиал\";1\u00A0000\u00A0000,00;15.06.2015;\"ул. Ленина, 1\nвход со двора\"\r\n";
    /** The same records as Excel's "CSV UTF-8" with ',' writes them: a BOM, and every decimal comma quoted. */
    static final String UTF8_TEXT = "id,name,amount,opened,note\r\n"
            + "1,Школа № 1,\"1234,50\",01.09.1990,Директор: Ёлкина А. П.\r\n"
            + "2,\"МАОУ \"\"Гимназия № 2\"\"\",\"0,00\",,\r\n"
            + "3,\"Детский сад, корпус 2; филиал\",\"1\u00A0000\u00A0000,00\",15.06.2015,\"ул. Ленина, 1\nвход со двора\"\r\n";

    @TempDir
    static Path home;

    static TestApp app;

    @BeforeAll
    static void start() throws IOException {
        Map<String, Object> props = new HashMap<>();
        // both CSV feeds declare neither charset nor separator: the reader must tell them from the bytes
        install(CP1251, """
                  kind: file
                  directory: ${INBOX_CP1251}
                  include: "*.csv"
                  minAge: 1s
                  format: csv
                """, "decimal-comma", null);
        install(UTF8, """
                  kind: file
                  directory: ${INBOX_UTF8}
                  include: "*.csv"
                  minAge: 1s
                  format: csv
                """, "decimal-comma", null);
        install(XLSX, """
                  kind: file
                  directory: ${INBOX_XLSX}
                  include: "*.xlsx"
                  minAge: 1s
                  format: xlsx
                  sheet: Данные
                """, null, null);
        install(JSON, """
                  kind: file
                  directory: ${INBOX_JSON}
                  include: "*.json"
                  minAge: 1s
                  format: json
                  path: data.rows
                """, null, null);
        install(XML, """
                  kind: file
                  directory: ${INBOX_XML}
                  include: "*.xml"
                  minAge: 1s
                  format: xml
                  recordPath: export/items/item
                """, null, "@id");
        install(XXE, """
                  kind: file
                  directory: ${INBOX_XXE}
                  include: "*.xml"
                  minAge: 1s
                  format: xml
                  recordPath: export/items/item
                """, null, "@id");
        for (String feed : List.of(CP1251, UTF8, XLSX, JSON, XML, XXE)) {
            props.put("INBOX_" + code(feed).toUpperCase(Locale.ROOT), inbox(feed).toString());
        }
        // one clock time for every run: each feed's first version is 20260320T0900, archived under .done/20260320
        app = TestApp.start(home, new MutableClock(Instant.parse(FileDropEndToEndTest.FIRST_RUN)), props);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void excelsWindows1251SemicolonCsvAndAUtf8BomCommaCsvPublishTheSameBytes() throws Exception {
        byte[] excel = EXCEL_1251_TEXT.getBytes(Charset.forName("windows-1251"));
        byte[] utf8 = withBom(UTF8_TEXT.getBytes(StandardCharsets.UTF_8));
        // the fixture is what it claims: Windows-1251 Cyrillic is not UTF-8, so reading it right means detecting it
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(excel)))
                .isInstanceOf(CharacterCodingException.class);

        drop(CP1251, "organisations.csv", excel);
        drop(UTF8, "organisations.csv", utf8);
        assertPublished(Drops.run(app, CP1251));
        assertPublished(Drops.run(app, UTF8));

        byte[] fromExcel = Files.readAllBytes(dataCsv(CP1251));
        byte[] fromUtf8 = Files.readAllBytes(dataCsv(UTF8));
        // two different inputs, one output: the published bytes do not depend on how the department saved the file
        assertThat(fromExcel).isEqualTo(fromUtf8);
        // and that output is the right one (identical garbage would pass the comparison above): UTF-8, no BOM
        assertThat(fromExcel).isEqualTo(PUBLISHED.getBytes(StandardCharsets.UTF_8));
        assertThat(inbox(CP1251).resolve(".done/20260320/organisations.csv")).hasBinaryContent(excel);
        assertThat(inbox(UTF8).resolve(".done/20260320/organisations.csv")).hasBinaryContent(utf8);
    }

    @Test
    void anXlsxWorkbookIsReadFromTheNamedSecondSheet() throws Exception {
        drop(XLSX, "organisations.xlsx", workbook());

        FeedRun run = Drops.run(app, XLSX);

        // the first sheet is a title page: had the reader ignored `sheet:`, it would have found no column "id"
        assertPublished(run);
        assertThat(Files.readString(dataCsv(XLSX))).isEqualTo(PUBLISHED);
        assertThat(inbox(XLSX).resolve(".done/20260320/organisations.xlsx")).exists();
    }

    @Test
    void jsonRecordsAreReadAtTheirNestedPath() throws Exception {
        // a decoy "rows" array elsewhere in the document: only data.rows are the records
        drop(JSON, "organisations.json", """
                {"meta": {"exported": "2026-03-19", "rows": [{"id": 99, "name": "не та выборка"}]},
                 "data": {"total": 3, "rows": [
                   {"id": 1, "name": "Школа № 1", "amount": 1234.50, "opened": "01.09.1990",
                    "note": "Директор: Ёлкина А. П."},
                   {"id": 2, "name": "МАОУ \\"Гимназия № 2\\"", "amount": 0, "opened": null, "note": null},
                   {"id": 3, "name": "Детский сад, корпус 2; филиал", "amount": 1000000.00, "opened": "15.06.2015",
                    "note": "ул. Ленина, 1\\nвход со двора"}
                 ]}}
                """.getBytes(StandardCharsets.UTF_8));

        assertPublished(Drops.run(app, JSON));
        assertThat(Files.readString(dataCsv(JSON))).isEqualTo(PUBLISHED);
    }

    @Test
    void xmlRecordsAreReadAtTheirRecordPathWithAnAttributeAsAField() throws Exception {
        // <meta> before <items> is off the record path and skipped; the key comes from the attribute id="…"
        drop(XML, "organisations.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <export>
                  <meta><exported>2026-03-19</exported><item id="99"><name>не та выборка</name></item></meta>
                  <items>
                    <item id="1"><name>Школа № 1</name><amount>1234.50</amount><opened>01.09.1990</opened>\
                <note>Директор: Ёлкина А. П.</note></item>
                    <item id="2"><name>МАОУ "Гимназия № 2"</name><amount>0</amount><opened/><note/></item>
                    <item id="3"><name>Детский сад, корпус 2; филиал</name><amount>1000000.00</amount>\
                <opened>15.06.2015</opened><note>ул. Ленина, 1
                вход со двора</note></item>
                  </items>
                </export>
                """.getBytes(StandardCharsets.UTF_8));

        assertPublished(Drops.run(app, XML));
        assertThat(Files.readString(dataCsv(XML))).isEqualTo(PUBLISHED);
    }

    @Test
    void anXmlDropWithAnExternalEntityIsRefusedWithoutReadingWhatTheEntityNames() throws Exception {
        // a secret of the test's own, so that "appears nowhere" can fail whatever this machine's hostname is
        String marker = "XXE-SECRET-" + UUID.randomUUID();
        Path secret = Files.writeString(home.resolve("secret.txt"), marker);
        Path hostnameFile = Path.of("/etc/hostname");
        String hostname = Files.isReadable(hostnameFile) ? Files.readString(hostnameFile).strip() : "";
        String payload = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE export [
                  <!ENTITY xxe SYSTEM "file:///etc/hostname">
                  <!ENTITY secret SYSTEM "%s">
                ]>
                <export><items>
                  <item id="1"><name>&xxe;</name><amount>1</amount><opened/><note>&secret;</note></item>
                </items></export>
                """.formatted(secret.toUri());
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Map<String, String> before = Fixtures.snapshot(TestApp.portal(home));

        drop(XXE, "organisations-xxe.xml", bytes);
        FeedRun failed = Drops.run(app, XXE);

        assertThat(failed.status()).as(failed.message()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).contains("organisations-xxe.xml").contains("DOCTYPE");
        // nothing published for it, and nothing else in the tree changed
        assertThat(Fixtures.snapshot(TestApp.portal(home).resolve(XXE))).as("files published for " + XXE).isEmpty();
        assertThat(Fixtures.snapshot(TestApp.portal(home))).isEqualTo(before);
        // the file waits in .error with its reason, untouched; not archived as done
        Path error = inbox(XXE).resolve(".error");
        assertThat(error.resolve("organisations-xxe.xml")).hasBinaryContent(bytes);
        String reason = Files.readString(error.resolve("organisations-xxe.xml.error.txt"));
        assertThat(reason).contains("Feed: " + XXE).contains("File: organisations-xxe.xml")
                .contains("Reason: Файл с данными не принят: ").contains("Подробности: " + failed.message());
        assertThat(Drops.files(inbox(XXE))).isEmpty();
        assertThat(inbox(XXE).resolve(".done")).doesNotExist();
        // what the entities name was never read into anything an operator or the public sees
        String published = publishedText();
        for (String leaked : hostname.isEmpty() ? List.of(marker) : List.of(marker, hostname)) {
            assertThat(failed.message()).as("run message").doesNotContain(leaked);
            assertThat(reason).as("reason file").doesNotContain(leaked);
            assertThat(published).as("published tree").doesNotContain(leaked);
        }
    }

    // --- helpers

    private static void assertPublished(FeedRun run) {
        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(run.rowsRead()).isEqualTo(3);
        assertThat(run.rowsWritten()).isEqualTo(3);
    }

    /** A feed like the drops resource, with its own identifier, source and (for CSV) decimal-comma amounts. */
    private static void install(String feedId, String sourceBlock, String amountParse, String idSource) throws IOException {
        String yaml = """
                identifier: %s
                title: Тестовый набор «Организации» из выгрузки файлом (%s)
                description: Набор для проверки форматов выгрузок
                creator: Департамент тестирования Томской области
                subject: [тест, организации]
                publisher: { name: Иванова Анна Петровна, phone: "+7 3822 000000", email: opendata@example.ru }
                frequency: quarterly
                schedule: "0 0 3 * * ?"
                formats: [csv, json]
                source:
                %sstructure:
                  key: [id]
                  fields:
                    - { name: id,     %sen: Identifier,    ru: Идентификатор, type: integer, required: true }
                    - { name: name,   en: Name,          ru: Наименование,  type: string,  required: true }
                    - { name: amount, en: "Amount, RUB", ru: "Сумма, руб.", type: number%s }
                    - { name: opened, en: Opening date,  ru: Дата открытия, type: date, parse: dd.MM.yyyy }
                    - { name: note,   en: Note,          ru: Примечание,    type: string }
                """.formatted(feedId, code(feedId), sourceBlock,
                idSource == null ? "" : "source: \"" + idSource + "\", ",
                amountParse == null ? "" : ", parse: " + amountParse);
        Files.writeString(TestApp.feeds(home).resolve(feedId + ".yaml"), yaml);
    }

    private static String code(String feedId) {
        return feedId.substring(feedId.indexOf('_') + 1);
    }

    private static Path inbox(String feedId) {
        return home.resolve("inbox-" + code(feedId));
    }

    /** Writes the bytes as they would arrive, with an mtime old enough for the read lock. */
    private static void drop(String feedId, String name, byte[] content) throws IOException {
        Path dir = Files.createDirectories(inbox(feedId));
        Path file = dir.resolve(name);
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(DROPPED_AT));
    }

    /** The one CSV data file the feed published. */
    private static Path dataCsv(String feedId) throws IOException {
        try (Stream<Path> files = Files.list(TestApp.portal(home).resolve(feedId))) {
            List<Path> data = files.filter(p -> p.getFileName().toString().matches("data-.*\\.csv")).toList();
            assertThat(data).as("CSV data files of %s", feedId).hasSize(1);
            return data.get(0);
        }
    }

    /** Every file of the published tree, as text. */
    private static String publishedText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> walk = Files.walk(TestApp.portal(home))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return text.toString();
    }

    private static byte[] withBom(byte[] utf8) {
        byte[] bytes = new byte[utf8.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bytes, 3, utf8.length);
        return bytes;
    }

    /**
     * A workbook as a department keeps it: a title page first, the records on "Данные" with numeric cells, a real
     * date cell (read as ISO, which the dd.MM.yyyy field accepts too), empty cells for no value, and a line break
     * inside a cell.
     */
    private static byte[] workbook() throws IOException {
        return Workbooks.xlsx(book -> {
            Sheet title = book.createSheet("Титул");
            row(title, 0, "Выгрузка организаций на 19.03.2026");
            row(title, 2, "Составитель: Иванова А. П.");

            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd.mm.yyyy"));
            Sheet sheet = book.createSheet("Данные");
            row(sheet, 0, "id", "name", "amount", "opened", "note");
            row(sheet, 1, 1, "Школа № 1", 1234.5, LocalDate.of(1990, 9, 1), "Директор: Ёлкина А. П.")
                    .getCell(3).setCellStyle(date);
            row(sheet, 2, 2, "МАОУ \"Гимназия № 2\"", 0);
            row(sheet, 3, 3, "Детский сад, корпус 2; филиал", 1_000_000, LocalDate.of(2015, 6, 15),
                    "ул. Ленина, 1\nвход со двора").getCell(3).setCellStyle(date);
        });
    }
}
