package ru.gov.tomsk.opendata.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.dataset.Passport;
import ru.gov.tomsk.opendata.dataset.Structure;

class FeedParserTest {

    private static final Path FILE = Path.of("config/feeds/7017069388-schools.yaml");
    private static final String AT = FILE + ":";

    private static final Map<String, String> ENVIRONMENT = Map.of("SOURCE_SCHEMA", "opendata", "SOURCE_DS", "situation-centre");

    private final FeedParser parser = new FeedParser(
            FeedRules.of(Set.of("situation-centre", "budget"), ENVIRONMENT::get));

    /*
     * Line numbers used by the tests below (1-based):
     *  1 identifier   6 publisher   9 publisher.email   10 frequency   11 schedule   13 source
     *  14 kind   15 datasource   16 query   17 fetchSize   19 key   21..26 fields[0..5]   27 geo   28 formats
     */
    private static final String VALID = """
            identifier: 7017069388-schools
            title: Общеобразовательные организации Томской области
            description: Адреса и координаты школ
            creator: Департамент общего образования Томской области
            subject: [образование, школы]
            publisher:
              name: Иванова Анна Петровна
              phone: "+7 3822 510000"
              email: opendata@education.tomsk.example
            frequency: quarterly
            schedule: "0 0 3 * * ?"
            runAtStartup: true
            source:
              kind: sql
              datasource: situation-centre
              query: SELECT id, name, opened, students, lat, lon FROM opendata.v_schools ORDER BY id
              fetchSize: 500
            structure:
              key: [id]
              fields:
                - { name: id, en: Identifier, ru: Идентификатор, type: integer, required: true }
                - { name: name, en: Full name, ru: Полное наименование, type: string, required: true }
                - { name: opened, en: Opening date, ru: Дата открытия, type: date, parse: dd.MM.yyyy }
                - { name: students, en: Students, ru: Обучающиеся, type: integer, parse: decimal-comma }
                - { name: latitude, source: lat, en: "Latitude (WGS 84, EPSG:4326)", ru: "Широта (WGS 84, EPSG:4326)", type: number }
                - { name: longitude, source: lon, en: "Longitude (WGS 84, EPSG:4326)", ru: "Долгота (WGS 84, EPSG:4326)", type: number }
            geo: { latitude: latitude, longitude: longitude }
            formats: [csv]
            """;

    @Test
    void completeFeedParsesIntoItsDefinition() throws InvalidFeedException {
        FeedDefinition feed = parser.parse(FILE, VALID);

        // compared component by component: the records grow new components (constraints, guards) that
        // this test does not exercise
        assertThat(feed.identifier()).isEqualTo("7017069388-schools");
        assertThat(feed.passport()).isEqualTo(new Passport("7017069388-schools",
                "Общеобразовательные организации Томской области", "Адреса и координаты школ",
                "Департамент общего образования Томской области", List.of("образование", "школы"),
                new Passport.Publisher("Иванова Анна Петровна", "+7 3822 510000", "opendata@education.tomsk.example")));
        assertThat(feed.frequency()).isEqualTo(Frequency.QUARTERLY);
        assertThat(feed.schedule()).isEqualTo("0 0 3 * * ?");
        assertThat(feed.runAtStartup()).isTrue();
        assertThat(feed.allowEmpty()).isFalse();
        assertThat(feed.source()).isEqualTo(new FeedDefinition.Source("sql", Map.of(
                "datasource", "situation-centre",
                "query", "SELECT id, name, opened, students, lat, lon FROM opendata.v_schools ORDER BY id",
                "fetchSize", "500")));
        assertThat(feed.structure().key()).containsExactly("id");
        assertThat(feed.structure().fields())
                .extracting(Field::name, Field::source, Field::en, Field::ru, Field::type, Field::required, Field::parse)
                .containsExactly(
                        tuple("id", "id", "Identifier", "Идентификатор", FieldType.INTEGER, true, null),
                        tuple("name", "name", "Full name", "Полное наименование", FieldType.STRING, true, null),
                        tuple("opened", "opened", "Opening date", "Дата открытия", FieldType.DATE, false, "dd.MM.yyyy"),
                        tuple("students", "students", "Students", "Обучающиеся", FieldType.INTEGER, false, "decimal-comma"),
                        tuple("latitude", "lat", "Latitude (WGS 84, EPSG:4326)", "Широта (WGS 84, EPSG:4326)",
                                FieldType.NUMBER, false, null),
                        tuple("longitude", "lon", "Longitude (WGS 84, EPSG:4326)", "Долгота (WGS 84, EPSG:4326)",
                                FieldType.NUMBER, false, null));
        assertThat(feed.structure().geo())
                .extracting(Structure.Geo::latitude, Structure.Geo::longitude)
                .containsExactly("latitude", "longitude");
        // a location dataset always gets GeoJSON too, after the CSV that is always first
        assertThat(feed.formats()).containsExactly("csv", "geojson");
        assertThat(feed.publish()).isEmpty();
        assertThat(feed.file()).isEqualTo(FILE);
    }

    @Test
    void optionalPropertiesTakeTheirDefaults() throws InvalidFeedException {
        FeedDefinition feed = parser.parse(FILE, VALID
                .replace("runAtStartup: true\n", "")
                .replace("  fetchSize: 500\n", "")
                .replace("formats: [csv]\n", "")
                .replace("geo: { latitude: latitude, longitude: longitude }\n", ""));

        assertThat(feed.runAtStartup()).isFalse();
        assertThat(feed.allowEmpty()).isFalse();
        assertThat(feed.formats()).containsExactly("csv");
        assertThat(feed.structure().geo()).isNull();
        assertThat(feed.source().options()).containsOnlyKeys("datasource", "query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"schools", "701706938-schools", "70170693880-schools", "7017069388-школы", "7017069388-",
            "7017069388-../../etc", "7017069388-schools.v2"})
    void identifierMustBeInnDashCode(String identifier) {
        String yaml = with(VALID, "identifier: 7017069388-schools", "identifier: " + identifier);

        assertProblems(yaml, AT + "1:13: identifier: '" + identifier + "' is not <10-digit ИНН>-<code> "
                + "(code: Latin letters, digits, underscore; e.g. 7017069388-schools)");
    }

    /** Departments write the word the console shows them; the passport still carries the standard's English word. */
    @Test
    void theFrequencyMayBeWrittenInRussian() throws InvalidFeedException {
        for (Frequency frequency : Frequency.values()) {
            FeedDefinition feed = parser.parse(FILE, with(VALID, "frequency: quarterly",
                    "frequency: " + frequency.russianWord()));
            assertThat(feed.frequency()).isEqualTo(frequency);
            assertThat(feed.frequency().word()).isEqualTo(frequency.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void ymlExtensionIsAcceptedForTheFileName() throws InvalidFeedException {
        assertThat(parser.parse(Path.of("config/feeds/7017069388-schools.yml"), VALID).identifier())
                .isEqualTo("7017069388-schools");
    }

    @Test
    void aPushFeedTakesTheFileKindsPayloadOptionsAndRefusesRunAtStartup() throws Exception {
        String push = VALID.replace("""
                  kind: sql
                  datasource: situation-centre
                  query: SELECT id, name, opened, students, lat, lon FROM opendata.v_schools ORDER BY id
                  fetchSize: 500
                """, """
                  kind: push
                  format: csv
                  separator: ";"
                """);
        assertThat(push).contains("kind: push");

        FeedDefinition feed = parser.parse(FILE, push.replace("runAtStartup: true", "runAtStartup: false"));
        assertThat(feed.pushed()).isTrue();
        assertThat(feed.source().options()).containsEntry("format", "csv").containsEntry("separator", ";");

        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class, () -> parser.parse(FILE, push));
        assertThat(e.problems()).extracting(FeedProblem::toString).containsExactly(
                AT + "12:15: runAtStartup: a push feed runs when its system pushes its data; there is nothing to run at"
                        + " start-up");
    }

    @Test
    void datasourceCheckSaysWhenNoneIsConfigured() {
        FeedParser withoutDatasources = new FeedParser(FeedRules.of(Set.of(), ENVIRONMENT::get));

        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class, () -> withoutDatasources.parse(FILE, VALID));

        assertThat(e.problems()).extracting(FeedProblem::toString).containsExactly(
                AT + "15:15: source.datasource: no datasource named 'situation-centre' is configured; "
                        + "configured: none (opendata.datasources in application.yml)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"full-name", "1st_name", "_name", "наименование"})
    void invalidFieldNameIsReported(String name) {
        String yaml = with(VALID, "- { name: name, en: Full name", "- { name: " + name + ", en: Full name");

        assertProblems(yaml, AT + "22:15: structure.fields[1].name: '" + name
                + "' is not a valid field name; use Latin letters, digits and underscore, starting with a letter");
    }

    @Test
    void keyFieldThatIsNotAFieldIsReported() {
        // a single key field may be written as plain text, so the offending node is the value itself
        String yaml = with(VALID, "  key: [id]", "  key: code");

        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class, () -> parser.parse(FILE, yaml));

        // the order of the listed fields is asserted by the disabled test below
        String prefix = AT + "19:8: structure.key[0]: key field 'code' is not one of the structure's fields: ";
        assertThat(e.problems()).hasSize(1);
        String problem = e.problems().get(0).toString();
        assertThat(problem).startsWith(prefix);
        assertThat(problem.substring(prefix.length()).split(", "))
                .containsExactlyInAnyOrder("id", "name", "opened", "students", "latitude", "longitude");
    }

    @Test
    void aStringFieldMayKeepItsControlCharactersTheOthersDoNot() throws InvalidFeedException {
        String yaml = with(VALID, "type: string, required: true }", "type: string, required: true, keepControlCharacters: true }");

        FeedDefinition feed = parser.parse(FILE, yaml);

        assertThat(feed.structure().fields()).extracting(Field::name, Field::keepControlCharacters).containsExactly(
                tuple("id", false), tuple("name", true), tuple("opened", false), tuple("students", false),
                tuple("latitude", false), tuple("longitude", false));
    }

    @Test
    void placeholdersAreResolvedFromTheEnvironment() throws InvalidFeedException {
        String yaml = with(VALID, "FROM opendata.v_schools", "FROM ${SOURCE_SCHEMA}.v_schools")
                .replace("  datasource: situation-centre", "  datasource: ${SOURCE_DS}");

        FeedDefinition feed = parser.parse(FILE, yaml);

        assertThat(feed.source().options())
                .containsEntry("query", "SELECT id, name, opened, students, lat, lon FROM opendata.v_schools ORDER BY id")
                .containsEntry("datasource", "situation-centre");
    }

    @Test
    void everyProblemOfAFileIsReportedInFileOrder() {
        String yaml = with(VALID, "identifier: 7017069388-schools", "identifier: 7017069388-hospitals")
                .replace("frequency: quarterly", "frequency: fortnightly")
                .replace("  fetchSize: 500", "  table: v_schools")
                .replace("type: string, required: true", "type: text, required: true")
                .replace("geo: { latitude: latitude,", "geo: { latitude: name,");

        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class, () -> parser.parse(FILE, yaml));

        List<String> expected = List.of(
                AT + "1:13: identifier: '7017069388-hospitals' does not match the file name '7017069388-schools.yaml'; "
                        + "name the file 7017069388-hospitals.yaml",
                AT + "10:12: frequency: unknown value 'fortnightly'; expected one of: daily (ежедневно), weekly (еженедельно), monthly (ежемесячно), quarterly (ежеквартально), yearly (ежегодно)",
                AT + "17:3: source.table: unknown option of a sql source; expected: datasource, fetchSize, query",
                AT + "22:67: structure.fields[1].type: unknown value 'text'; expected one of: "
                        + "string (строка), integer (целое), number (число), double (дробное), boolean (логическое), date (дата), datetime (дата и время)",
                AT + "27:18: geo.latitude: field 'name' must have type number or double (WGS 84 degrees)");
        assertThat(e.problems()).extracting(FeedProblem::toString).containsExactlyElementsOf(expected);
        assertThat(e.file()).isEqualTo(FILE);
        // the exception message is what the service logs: every problem, one per line
        assertThat(e.getMessage()).isEqualTo(String.join("\n", expected));
    }

    @Test
    void fileLargerThanTheLimitIsRejectedBeforeParsing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("7017069388-schools.yaml");
        Files.writeString(file, VALID + "#" + "x".repeat(FeedParser.MAX_FILE_BYTES), StandardCharsets.UTF_8);

        assertProblemsOf(file, file + ": file is larger than 256 KiB");
    }

    @Test
    void fileOfExactlyTheLimitIsAccepted(@TempDir Path dir) throws IOException, InvalidFeedException {
        Path file = dir.resolve("7017069388-schools.yaml");
        byte[] feed = VALID.getBytes(StandardCharsets.UTF_8);
        String padding = "#" + "x".repeat(FeedParser.MAX_FILE_BYTES - feed.length - 2) + "\n";
        Files.writeString(file, VALID + padding, StandardCharsets.UTF_8);
        assertThat(Files.size(file)).isEqualTo(FeedParser.MAX_FILE_BYTES);

        assertThat(parser.parse(file).identifier()).isEqualTo("7017069388-schools");
    }

    @Test
    void windows1251FileIsReportedAsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("7017069388-schools.yaml");
        Files.write(file, VALID.getBytes(Charset.forName("windows-1251")));

        assertProblemsOf(file, file + ": the file is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void utf8ByteOrderMarkIsTolerated(@TempDir Path dir) throws IOException, InvalidFeedException {
        // Windows Notepad saves UTF-8 with a BOM; that must not break the first property's name
        Path file = dir.resolve("7017069388-schools.yaml");
        Files.writeString(file, "\uFEFF" + VALID, StandardCharsets.UTF_8);

        assertThat(parser.parse(file).identifier()).isEqualTo("7017069388-schools");
    }

    @Test
    void documentThatIsNotAMappingIsReported() {
        assertProblems("- identifier: 7017069388-schools\n",
                AT + "1:1: expected a mapping of feed properties (identifier, title, …)");
    }

    /** The sql source block of VALID (lines 14 to 17) as an SFTP file drop, keeping the line numbers. */
    private static String sftp(String kind, String host, String username, String password) {
        return with(VALID, """
                  kind: sql
                  datasource: situation-centre
                  query: SELECT id, name, opened, students, lat, lon FROM opendata.v_schools ORDER BY id
                  fetchSize: 500
                """, "  " + kind + "\n  " + host + "\n  " + username + "\n  " + password
                + "\n  directory: inbox\n  format: csv\n");
    }

    @Test
    void aLiteralCredentialOfAFileDropIsRefusedWithoutRepeatingIt() {
        String yaml = sftp("kind: sftp", "host: files.tomsk.example", "username: opendata", "password: Hunter2-secret");

        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class, () -> parser.parse(FILE, yaml));
        assertThat(e.problems()).extracting(FeedProblem::toString).containsExactly(
                AT + "17:13: source.password: is a secret: write a ${ENV_NAME} placeholder, never the value itself");
        assertThat(e.getMessage()).doesNotContain("Hunter2-secret");
    }

    @Test
    void theKindsKameletRefusesAWrongTypeAMissingOptionAndAPlainSecretEachAtItsLine() {
        String yaml = sftp("kind: ftp", "port: twenty-one", "username: opendata", "password: Hunter2-secret");

        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class, () -> parser.parse(FILE, yaml));
        assertThat(e.problems()).extracting(FeedProblem::toString).containsExactly(
                AT + "14:3: source.host: required option of a ftp source is missing",
                AT + "15:9: source.port: must be a whole number, not 'twenty-one'",
                AT + "17:13: source.password: is a secret: write a ${ENV_NAME} placeholder, never the value itself");
        assertThat(e.getMessage()).doesNotContain("Hunter2-secret");
    }

    /**
     * Broken variants of VALID (or of its SFTP form) and every problem each one must report, with file, line and column,
     * in file order. The first argument names the case.
     */
    static Stream<Arguments> rejectedFeeds() {
        return Stream.of(
                // "phone" indented deeper than "name" continues the plain scalar "Иванова Анна Петровна";
                // SnakeYAML then meets the colon after "phone" on line 8
                rejected("yamlSyntaxErrorIsLocatedWhereTheParserStumbled",
                        with(VALID, "  phone: \"+7 3822 510000\"", "   phone: \"+7 3822 510000\""),
                        AT + "8:9: YAML syntax: mapping values are not allowed here"),
                // the flow mapping of line 27 is never closed; the parser only notices at the end of the text (line 28)
                rejected("unclosedFlowMappingIsAYamlSyntaxError",
                        with(VALID, "geo: { latitude: latitude, longitude: longitude }\nformats: [csv]\n",
                        "geo: { latitude: latitude, longitude: longitude\n"),
                        AT + "28:1: YAML syntax: expected ',' or '}', but got <stream end>"),
                rejected("identifierMustMatchTheFileName",
                        with(VALID, "identifier: 7017069388-schools", "identifier: 7017069388-hospitals"),
                        AT + "1:13: identifier: '7017069388-hospitals' does not match the file name "
                        + "'7017069388-schools.yaml'; name the file 7017069388-hospitals.yaml"),
                rejected("missingTitleIsReportedAtTheMappingThatLacksIt",
                        with(VALID, "title: Общеобразовательные организации Томской области\n", ""),
                        AT + "1:1: title: required property is missing"),
                rejected("missingPublisherEmailIsReportedAtThePublisherMapping",
                        with(VALID, "  email: opendata@education.tomsk.example\n", ""),
                        AT + "7:3: publisher.email: required property is missing"),
                rejected("emptyRequiredValueIsReportedAtTheValue",
                        with(VALID, "description: Адреса и координаты школ", "description: \"  \""),
                        AT + "3:14: description: must not be empty"),
                rejected("invalidEmailIsReported",
                        with(VALID, "  email: opendata@education.tomsk.example", "  email: opendata.education.tomsk.example"),
                        AT + "9:10: publisher.email: 'opendata.education.tomsk.example' is not an e-mail address"),
                // in file order: the missing property is reported where its mapping starts
                rejected("misspelledTopLevelPropertyIsUnknownAndTheRealOneMissing",
                        with(VALID, "title: Общеобразовательные", "titel: Общеобразовательные"),
                        AT + "1:1: title: required property is missing",
                        AT + "2:1: titel: unknown property; did you mean 'title'? Expected one of: identifier, title, description, "
                        + "creator, subject, publisher, frequency, schedule, runAtStartup, allowEmpty, guards, source, "
                        + "structure, geo, formats, publish, mandates, reference"),
                rejected("unknownFrequencyIsReported",
                        with(VALID, "frequency: quarterly", "frequency: fortnightly"),
                        AT + "10:12: frequency: unknown value 'fortnightly'; expected one of: "
                        + "daily (ежедневно), weekly (еженедельно), monthly (ежемесячно), quarterly (ежеквартально), yearly (ежегодно)"),
                // the usual mistake: five crontab fields instead of Quartz's six
                rejected("unixStyleCronIsNotAQuartzCron",
                        with(VALID, "schedule: \"0 0 3 * * ?\"", "schedule: \"0 3 * * *\""),
                        AT + "11:11: schedule: '0 3 * * *' is not a Quartz cron expression (Unexpected end of expression.); "
                        + "expected six or seven fields: seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0 3 * * ?\""),
                // every kind the service runs, in name order
                rejected("unknownSourceKindIsReported",
                        with(VALID, "  kind: sql", "  kind: smb"),
                        AT + "14:9: source.kind: unknown source kind 'smb'; expected one of: "
                        + String.join(", ", SourceKinds.builtIn().stream().map(SourceKind::name).sorted().toList())),
                rejected("unknownOptionOfSqlSourceIsReportedAtItsName",
                        with(VALID, "  fetchSize: 500", "  table: v_schools"),
                        AT + "17:3: source.table: unknown option of a sql source; expected: datasource, fetchSize, query"),
                rejected("missingQueryOfSqlSourceIsReportedAtTheSourceMapping",
                        with(VALID, "  query: SELECT id, name, opened, students, lat, lon FROM opendata.v_schools ORDER BY id\n", ""),
                        AT + "14:3: source.query: required option of a sql source is missing"),
                rejected("datasourceMustBeConfigured",
                        with(VALID, "  datasource: situation-centre", "  datasource: warehouse"),
                        AT + "15:15: source.datasource: no datasource named 'warehouse' is configured; "
                        + "configured: budget, situation-centre (opendata.datasources in application.yml)"),
                rejected("duplicateFieldNameIsReportedAtTheSecondDefinition",
                        with(VALID, "- { name: name, en: Full name", "- { name: id, en: Full name"),
                        AT + "22:15: structure.fields[1].name: field 'id' is defined twice"),
                rejected("unknownFieldTypeIsReported",
                        with(VALID, "type: string, required: true", "type: text, required: true"),
                        AT + "22:67: structure.fields[1].type: unknown value 'text'; expected one of: "
                        + "string (строка), integer (целое), number (число), double (дробное), boolean (логическое), date (дата), datetime (дата и время)"),
                // lines after 19 shift by two; the offending item "code" is on line 21, column 7
                rejected("keyFieldProblemPointsAtTheOffendingItemAndListsFieldsInColumnOrder",
                        with(VALID, "  key: [id]", "  key:\n    - id\n    - code"),
                        AT + "21:7: structure.key[1]: key field 'code' is not one of the structure's fields: "
                        + "id, name, opened, students, latitude, longitude"),
                rejected("geoFieldMustBeANumberField",
                        with(VALID, "geo: { latitude: latitude,", "geo: { latitude: name,"),
                        AT + "27:18: geo.latitude: field 'name' must have type number or double (WGS 84 degrees)"),
                rejected("geoFieldMustBeAStructureField",
                        with(VALID, "longitude: longitude }", "longitude: lon }"),
                        AT + "27:39: geo.longitude: 'lon' is not one of the structure's fields"),
                rejected("badDateParsePatternIsReported",
                        with(VALID, "parse: dd.MM.yyyy", "parse: dd.MM.bbbb"),
                        AT + "23:79: structure.fields[2].parse: 'dd.MM.bbbb' is not a date pattern "
                        + "(Unknown pattern letter: b); e.g. dd.MM.yyyy"),
                rejected("numbersOnlyAcceptTheDecimalCommaParseWord",
                        with(VALID, "parse: decimal-comma", "parse: '#,##0.00'"),
                        AT + "24:78: structure.fields[3].parse: numbers accept only parse: decimal-comma"),
                rejected("keepControlCharactersMustBeTrueOrFalse",
                        with(VALID, "type: string, required: true }", "type: string, required: true, keepControlCharacters: CR }"),
                        AT + "22:114: structure.fields[1].keepControlCharacters: expected true or false"),
                rejected("onlyAStringFieldCanKeepControlCharacters",
                        with(VALID, "type: date, parse: dd.MM.yyyy }", "type: date, parse: dd.MM.yyyy, keepControlCharacters: true }"),
                        AT + "23:114: structure.fields[2].keepControlCharacters: only a string field can keep control "
                        + "characters; a date field has none to keep"),
                rejected("unsetPlaceholderIsReported",
                        with(VALID, "FROM opendata.v_schools", "FROM ${SCHOOLS_SCHEMA}.v_schools"),
                        AT + "16:10: source.query: environment variable SCHOOLS_SCHEMA is not set"),
                rejected("aFileDropNamesItsServerAndLogin",
                        sftp("kind: sftp", "port: 2222", "privateKeyFile: /etc/opendata/id_ed25519",
                        "strictHostKeyChecking: \"yes\""),
                        AT + "14:3: source.host: required option of a sftp source is missing",
                        AT + "14:3: source.username: required option of a sftp source is missing"),
                rejected("aValueOutsideTheKameletsEnumAndAParameterOfTheServiceAreRefusedAtTheirLines",
                        sftp("kind: sftp", "host: files.tomsk.example", "timeZone: UTC", "strictHostKeyChecking: maybe"),
                        AT + "14:3: source.username: required option of a sftp source is missing",
                        AT + "16:3: source.timeZone: is set by the service, not by a feed file",
                        AT + "17:26: source.strictHostKeyChecking: must be one of yes, no, not 'maybe'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedFeeds")
    void brokenFeedIsRejectedWithEveryProblemAtItsLine(String name, String yaml, List<String> expected) {
        assertProblems(yaml, expected.toArray(String[]::new));
    }

    private static Arguments rejected(String name, String yaml, String... expected) {
        return Arguments.of(name, yaml, List.of(expected));
    }

    private void assertProblems(String yaml, String... expected) {
        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class, () -> parser.parse(FILE, yaml));
        assertThat(e).as("the feed is rejected").isNotNull();
        assertThat(e.problems()).extracting(FeedProblem::toString).containsExactly(expected);
    }

    private void assertProblemsOf(Path file, String... expected) {
        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class, () -> parser.parse(file));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(FeedProblem::toString).containsExactly(expected);
    }

    /** Replaces text that must occur exactly once, so that a broken variant keeps the line numbers of VALID. */
    private static String with(String yaml, String from, String to) {
        int at = yaml.indexOf(from);
        assertThat(at).as("'%s' occurs in the feed", from).isNotNegative();
        assertThat(yaml.indexOf(from, at + 1)).as("'%s' occurs once", from).isNegative();
        return yaml.replace(from, to);
    }
}
