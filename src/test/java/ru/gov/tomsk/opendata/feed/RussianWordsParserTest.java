package ru.gov.tomsk.opendata.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Frequency;

/**
 * A department writes the words the console and the guide show it: Russian values of the enumerations are read
 * beside the English ones, and a wrong value is answered with the allowed values and their Russian meanings.
 */
class RussianWordsParserTest {

    private static final Path FILE = Path.of("config/feeds/7017069388-schools.yaml");
    private static final String FEED = """
            identifier: 7017069388-schools
            title: Школы
            description: Адреса школ
            creator: Департамент общего образования Томской области
            subject: [образование]
            publisher: { name: Иванова Анна Петровна, phone: "+7 3822 510000", email: opendata@edu.tomsk.example }
            frequency: ежеквартально
            schedule: "0 0 3 * * ?"
            runAtStartup: нет
            source:
              kind: sql
              datasource: situation-centre
              query: SELECT id, name, opened FROM v_schools
            structure:
              key: [id]
              fields:
                - { name: id, en: Identifier, ru: Идентификатор, type: целое, required: да }
                - { name: name, en: Name, ru: Наименование, type: строка }
                - { name: opened, en: Opened, ru: Дата открытия, type: дата, parse: dd.MM.yyyy }
                - { name: updated, en: Updated, ru: Обновлено, type: дата и время }
            """;

    private final FeedParser parser = new FeedParser(FeedRules.of(Set.of("situation-centre"), name -> null));

    @Test
    void russianWordsAreReadAsTheEnglishOnes() throws InvalidFeedException {
        FeedDefinition feed = parser.parse(FILE, FEED);

        assertThat(feed.frequency()).isEqualTo(Frequency.QUARTERLY);
        assertThat(feed.runAtStartup()).isFalse();
        assertThat(feed.structure().fields()).extracting(Field::type)
                .containsExactly(FieldType.INTEGER, FieldType.STRING, FieldType.DATE, FieldType.DATETIME);
        assertThat(feed.structure().fields().get(0).required()).isTrue();
    }

    @Test
    void aWrongTypeListsTheAllowedOnesWithTheirRussianWords() {
        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class,
                () -> parser.parse(FILE, FEED.replace("type: строка", "type: текст")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(18);
            assertThat(p.field()).isEqualTo("structure.fields[1].type");
            assertThat(p.russian()).isEqualTo("Недопустимое значение «текст» свойства «type»; допустимые: string "
                    + "(строка), integer (целое), number (число), double (дробное), boolean (логическое), date (дата), "
                    + "datetime (дата и время).");
        });
    }

    @Test
    void aWrongSourceKindListsTheKindsWithWhatTheyAre() {
        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class,
                () -> parser.parse(FILE, FEED.replace("kind: sql", "kind: excel")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("source.kind");
            assertThat(p.russian()).startsWith("Неизвестный вид источника «excel»; допустимые: ")
                    .contains("file (файл в папке на сервере)").contains("sql (запрос к базе данных)");
            assertThat(p.message()).startsWith("unknown source kind 'excel'; expected one of: ");
        });
    }

    @Test
    void everyProblemReadsInRussianFirst() {
        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class, () -> parser.parse(FILE, FEED
                .replace("identifier: 7017069388-schools", "identifier: schools")
                .replace("email: opendata@edu.tomsk.example", "email: opendata")
                .replace("  datasource: situation-centre", "  datasource: warehouse")));

        assertThat(e.problems()).extracting(FeedProblem::russian).containsExactly(
                "Идентификатор «schools» записан неверно: нужен ИНН из 10 цифр, дефис и код латинскими буквами, "
                        + "цифрами или подчёркиванием, например 7017069388-schools.",
                "«opendata» — не адрес электронной почты.",
                "Источник данных «warehouse» не настроен; настроены: situation-centre. Попросите ИТ-отдел подключить "
                        + "базу данных.");
        assertThat(e.forDepartment().lines()).hasSize(3).allSatisfy(line -> assertThat(line)
                .startsWith(FILE + ":").contains(". Подробности: "));
        // the log keeps the English
        assertThat(e.oneLine()).doesNotContain("Подробности").contains("is not an e-mail address");
    }
}
