package ru.gov.tomsk.opendata.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.source.SourceOptionChecks;

/**
 * The command reads {@code ./config/application.yml} as the service does (no Spring context); tests run with the
 * project root as the working directory, where that file configures the datasource {@code situation-centre}.
 */
class FeedValidationCommandTest {

    private static final String VALID = """
            identifier: 7017069388-schools
            title: Общеобразовательные организации Томской области
            description: Адреса и координаты школ
            creator: Департамент общего образования Томской области
            subject: [образование, школы]
            publisher: { name: Иванова Анна Петровна, phone: "+7 3822 510000", email: opendata@example.ru }
            frequency: quarterly
            schedule: "0 0 3 * * ?"
            source:
              kind: sql
              datasource: situation-centre
              query: SELECT id, name FROM opendata.v_schools ORDER BY id
            structure:
              key: [id]
              fields:
                - { name: id, en: Identifier, ru: Идентификатор, type: integer, required: true }
                - { name: name, en: Name, ru: Наименование, type: string, required: true }
            """;

    // line 17 is the second field; its type value starts in column 55
    private static final String BROKEN = VALID
            .replace("identifier: 7017069388-schools", "identifier: 7017069388-broken")
            .replace("type: string, required: true", "type: strng, required: true");

    private static final String TYPES = "string (строка), integer (целое), number (число), double (дробное), "
            + "boolean (логическое), date (дата), datetime (дата и время)";

    @TempDir
    Path dir;

    @Test
    void anyInvalidFileMakesTheExitCodeOneAndIsExplained() throws IOException {
        Path valid = write("7017069388-schools.yaml", VALID);
        Path broken = write("7017069388-broken.yaml", BROKEN);

        Output out = run(() -> FeedValidationCommand.run(new String[] {dir.toString()}, SourceOptionChecks.all()));

        assertThat(out.exitCode).isEqualTo(1);
        assertThat(out.lines).containsExactly(
                "ОШИБКИ  " + broken,
                // as a department reads it: plain Russian first, with the allowed values' Russian words, then the detail
                "  " + broken + ":17:55: structure.fields[1].type: Недопустимое значение «strng» свойства «type»; "
                        + "допустимые: " + TYPES + ". Подробности: unknown value 'strng'; expected one of: " + TYPES,
                "ВЕРНО   " + valid,
                "Без ошибок: 1, с ошибками: 1");
    }

    @Test
    void allValidFilesMakeTheExitCodeZero() throws IOException {
        Path valid = write("7017069388-schools.yaml", VALID);
        // neither hidden files (editor swap, temporary copies) nor other extensions are feeds
        write(".7017069388-schools.yaml", BROKEN);
        write("README.txt", "not a feed");

        Output out = run(() -> FeedValidationCommand.run(new String[] {dir.toString()}, SourceOptionChecks.all()));

        assertThat(out.exitCode).isZero();
        assertThat(out.lines).containsExactly("ВЕРНО   " + valid, "Без ошибок: 1, с ошибками: 0");
    }

    @Test
    void singleFileMayBeNamed() throws IOException {
        write("7017069388-schools.yaml", VALID);
        Path broken = write("7017069388-broken.yaml", BROKEN);

        Output out = run(() -> FeedValidationCommand.run(new String[] {broken.toString()}, SourceOptionChecks.all()));

        assertThat(out.exitCode).isEqualTo(1);
        assertThat(out.lines).startsWith("ОШИБКИ  " + broken).endsWith("Без ошибок: 0, с ошибками: 1").hasSize(3);
    }

    @Test
    void theShippedFeedOfTheRequestsIsValid() {
        Path requests = Path.of("config/feeds/7017000420-requests.yaml");

        Output out = run(() -> FeedValidationCommand.run(new String[] {requests.toString()}, SourceOptionChecks.all()));

        assertThat(out.lines).containsExactly("ВЕРНО   " + requests, "Без ошибок: 1, с ошибками: 0");
        assertThat(out.exitCode).isZero();
    }

    @Test
    void datasourcesComeFromTheOperatorsApplicationYml() throws IOException {
        Path feed = write("7017069388-schools.yaml", VALID.replace("datasource: situation-centre", "datasource: warehouse"));

        Output out = run(() -> FeedValidationCommand.run(new String[] {dir.toString()}, SourceOptionChecks.all()));

        assertThat(out.exitCode).isEqualTo(1);
        assertThat(out.lines).contains("  " + feed + ":11:15: source.datasource: Источник данных «warehouse» не настроен; "
                + "настроены: situation-centre. Попросите ИТ-отдел подключить базу данных. Подробности: no datasource "
                + "named 'warehouse' is configured; configured: situation-centre (opendata.datasources in application.yml)");
    }

    @Test
    void directoryWithoutFeedsIsAFailure() {
        Output out = run(() -> FeedValidationCommand.run(new String[] {dir.toString()}, SourceOptionChecks.all()));

        assertThat(out.exitCode).isEqualTo(1);
        assertThat(out.lines).isEmpty();
        assertThat(out.errors).containsExactly("Файлы наборов не найдены (ожидаются *.yaml или *.yml).");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, UTF_8);
    }

    private record Output(int exitCode, List<String> lines, List<String> errors) {
    }

    private static Output run(IntSupplier command) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, UTF_8));
            System.setErr(new PrintStream(err, true, UTF_8));
            exitCode = command.getAsInt();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Output(exitCode, out.toString(UTF_8).lines().toList(), err.toString(UTF_8).lines().toList());
    }
}
