package ru.gov.tomsk.opendata.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A department's typical YAML mistakes, each in a real file on disk read the way the service reads it: the problem
 * is located at the line to fix (not where SnakeYAML gave up) and says in Russian what to do, with the parser's own
 * words after «Подробности: ».
 */
class YamlSyntaxAdviceTest {

    private static final String NAME = "7017069388-schools.yaml";

    /** Line 2 is the title; lines 9–11 the source. */
    private static final String VALID = """
            identifier: 7017069388-schools
            title: Общеобразовательные организации
            description: Адреса школ
            creator: Департамент общего образования Томской области
            subject: [образование]
            publisher: { name: Иванова Анна Петровна, phone: "+7 3822 510000", email: opendata@edu.tomsk.example }
            frequency: quarterly
            schedule: "0 0 3 * * ?"
            source:
              kind: sql
              datasource: situation-centre
              query: SELECT id, name FROM v_schools
            structure:
              key: [id]
              fields:
                - { name: id, en: Identifier, ru: Идентификатор, type: integer, required: true }
                - { name: name, en: Name, ru: Наименование, type: string }
            """;

    private final FeedParser parser = new FeedParser(FeedRules.of(Set.of("situation-centre"), name -> null));

    @TempDir
    Path dir;

    @Test
    void theValidFileParses() throws Exception {
        assertThat(parser.parse(write(VALID)).identifier()).isEqualTo("7017069388-schools");
    }

    @Test
    void aColonInAnUnquotedTitleAsksForQuotes() throws IOException {
        FeedProblem p = problem(VALID.replace("title: Общеобразовательные организации",
                "title: Школы: адреса и телефоны"));

        assertThat(p.line()).isEqualTo(2);
        assertThat(p.russian()).isEqualTo("В строке 2 значение свойства «title» содержит двоеточие: поставьте "
                + "значение в кавычки, например title: \"Школы: адреса и телефоны\".");
        assertThat(p.forDepartment()).endsWith("Подробности: YAML syntax: mapping values are not allowed here");
    }

    /** Deeper than its neighbour, less deep, a list item out of line: each an indent mistake on its own line. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "  datasource: situation-centre|    datasource: situation-centre|11|mapping values are not allowed here",
        "  datasource: situation-centre| datasource: situation-centre|11|expected <block end>, but found '<block mapping start>'",
        "    - { name: name,|     - { name: name,|17|expected <block end>, but found '<block sequence start>'"})
    void aWrongIndentIsNamedAtItsLine(String from, String to, int line, String parser) throws IOException {
        FeedProblem p = problem(VALID.replace(from, to));

        assertThat(p.line()).isEqualTo(line);
        assertThat(p.russian()).startsWith("Проверьте отступ в строке " + line + ":");
        assertThat(p.message()).isEqualTo("YAML syntax: " + parser);
    }

    @Test
    void aTabIsNamedAsSuch() throws IOException {
        FeedProblem p = problem(VALID.replace("  kind: sql", "\tkind: sql"));

        assertThat(p.line()).isEqualTo(10);
        assertThat(p.russian()).isEqualTo("В строке 10 стоит символ табуляции: отступы в YAML делаются только "
                + "пробелами. Замените табуляцию пробелами.");
    }

    @Test
    void anUnclosedQuoteIsLocatedWhereItOpens() throws IOException {
        FeedProblem p = problem(VALID.replace("description: Адреса школ", "description: \"Адреса школ"));

        // the quoted text runs on to the quote of the phone on line 6, where SnakeYAML stumbles
        assertThat(p.message()).isEqualTo("YAML syntax: expected <block end>, but found '<scalar>'");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isEqualTo(14);
        assertThat(p.russian()).isEqualTo("В строке 3 кавычка открыта, но не закрыта: поставьте такую же кавычку "
                + "в конце значения.");
    }

    @Test
    void aQuoteLeftOpenToTheEndOfTheFileIsLocatedWhereItOpens() throws IOException {
        FeedProblem p = problem(VALID.replace("title: Общеобразовательные организации",
                "title: 'Общеобразовательные организации"));

        assertThat(p.message()).isEqualTo("YAML syntax: found unexpected end of stream");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.russian()).startsWith("В строке 2 кавычка открыта, но не закрыта");
    }

    @Test
    void aMissingColonIsLocatedOnItsOwnLineNotTheNextOne() throws IOException {
        FeedProblem p = problem(VALID.replace("description: Адреса школ", "description Адреса школ"));

        // "could not find expected ':'" is reported by SnakeYAML at line 4
        assertThat(p.message()).isEqualTo("YAML syntax: could not find expected ':'");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.russian()).isEqualTo("В строке 3 после названия свойства нет двоеточия: пишите «название: "
                + "значение», с пробелом после двоеточия.");
    }

    @Test
    void aMissingColonInsideAMappingIsLocatedOnItsOwnLine() throws IOException {
        FeedProblem p = problem(VALID.replace("  kind: sql", "  kind sql"));

        // SnakeYAML refuses the colon on line 11, which continues the text "kind sql"
        assertThat(p.message()).isEqualTo("YAML syntax: mapping values are not allowed here");
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.russian()).startsWith("В строке 10 после названия свойства нет двоеточия");
    }

    @Test
    void aDuplicateKeyNamesBothLines() throws IOException {
        InvalidFeedException e = invalid(VALID.replace("description: Адреса школ",
                "description: Адреса школ\ntitle: Школы"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.field()).isEqualTo("title");
            assertThat(p.russian()).isEqualTo("Свойство «title» указано дважды (впервые — в строке 2): оставьте одно.");
            assertThat(p.message()).isEqualTo("is given twice (first on line 2); keep one");
        });
    }

    @Test
    void anUnclosedListIsLocatedWhereItOpens() throws IOException {
        FeedProblem p = problem(VALID.replace("subject: [образование]", "subject: [образование"));

        assertThat(p.line()).isEqualTo(5);
        assertThat(p.russian()).startsWith("В строке 5 список в квадратных скобках не закрыт");
    }

    @Test
    void textAfterAClosingQuoteAsksToQuoteTheWholeValue() throws IOException {
        FeedProblem p = problem(VALID.replace("title: Общеобразовательные организации",
                "title: \"Общеобразовательные\" организации"));

        assertThat(p.line()).isEqualTo(2);
        assertThat(p.russian()).isEqualTo("В строке 2 после закрывающей кавычки идёт ещё текст: возьмите в кавычки "
                + "всё значение целиком.");
    }

    private FeedProblem problem(String yaml) throws IOException {
        InvalidFeedException e = invalid(yaml);
        assertThat(e.problems()).hasSize(1);
        FeedProblem p = e.problems().get(0);
        assertThat(p.departmentLine()).startsWith(dir.resolve(NAME) + ":" + p.line() + ":")
                .contains(p.russian() + " Подробности: " + p.message());
        return p;
    }

    private InvalidFeedException invalid(String yaml) throws IOException {
        return catchThrowableOfType(InvalidFeedException.class, () -> parser.parse(write(yaml)));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve(NAME), yaml, StandardCharsets.UTF_8);
    }
}
