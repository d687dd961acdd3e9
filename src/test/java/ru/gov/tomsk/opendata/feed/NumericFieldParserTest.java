package ru.gov.tomsk.opendata.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static ru.gov.tomsk.opendata.feed.FieldMappingParserTest.FILE;
import static ru.gov.tomsk.opendata.feed.FieldMappingParserTest.PARSER;
import static ru.gov.tomsk.opendata.feed.FieldMappingParserTest.feed;

import java.util.List;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.dataset.Constraints;
import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;

/**
 * The {@code double} type, and bounds and allowed values that the structure files state as values of the
 * field's XML Schema type: what libxml2 cannot read there would break the published schema itself.
 */
class NumericFieldParserTest {

    @Test
    void aDoubleFieldIsReadWithItsBoundsAndValuesInCanonicalForm() throws Exception {
        FeedDefinition feed = PARSER.parse(FILE, feed("""
                    - { name: level, en: Level, ru: Уровень, type: double, parse: decimal-comma, min: "-1e300", max: "1.5E+300" }
                    - { name: grade, en: Grade, ru: Класс, type: number, enum: ["1.50", "2"] }
                    - { name: latitude, en: Latitude, ru: Широта, type: double }
                    - { name: longitude, en: Longitude, ru: Долгота, type: double }
                geo: { latitude: latitude, longitude: longitude }
                """));

        assertThat(feed.structure().fields()).extracting(Field::name, Field::type)
                .containsExactly(tuple("id", FieldType.INTEGER), tuple("level", FieldType.DOUBLE),
                        tuple("grade", FieldType.NUMBER), tuple("latitude", FieldType.DOUBLE),
                        tuple("longitude", FieldType.DOUBLE));
        assertThat(feed.structure().fields().get(1).constraints()).extracting(Constraints::min, Constraints::max)
                .containsExactly("-1E300", "1.5E300");
        assertThat(feed.structure().fields().get(2).constraints().allowed()).containsExactly("1.5", "2");
        assertThat(feed.structure().geo().latitude()).isEqualTo("latitude");
    }

    @Test
    void valuesThatNoValidatorReadsAreLocated() {
        assertThatThrownBy(() -> PARSER.parse(FILE, feed("""
                    - { name: a, en: A, ru: А, type: number, max: 1e300 }
                    - { name: b, en: B, ru: Б, type: integer, enum: [1, 2.5] }
                    - { name: c, en: C, ru: В, type: double, min: 1e400 }
                    - { name: d, en: D, ru: Г, type: date, min: 0000-01-01 }
                    - { name: e, en: E, ru: Д, type: double, constant: 3.14159265358979323846 }
                    - { name: f, en: F, ru: Е, type: double, parse: dd.MM.yyyy }
                """)))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessage(String.join("\n",
                        FILE + ":14:51: structure.fields[1].max: '1e300' cannot be a number bound: longer than 24 digits "
                                + "(301 written out); a number field is an exact decimal and holds at most 24 digits, as XML "
                                + "validators such as libxml2 read xs:decimal; floating-point values belong in a double field",
                        FILE + ":15:57: structure.fields[2].enum[1]: '2.5' cannot be an integer value: not a valid integer",
                        FILE + ":16:51: structure.fields[3].min: '1e400' cannot be a double bound: beyond the range of a "
                                + "double (at most ±1.7976931348623157E308)",
                        FILE + ":17:49: structure.fields[4].min: '0000-01-01' cannot be a date bound: outside the years "
                                + "0001 to 9999 that xs:date validators and CSV consumers take: 0000-01-01",
                        FILE + ":18:56: structure.fields[5].constant: '3.14159265358979323846' is too precise for a double: "
                                + "it would be published as 3.141592653589793; a number field keeps every digit",
                        FILE + ":19:53: structure.fields[6].parse: numbers accept only parse: decimal-comma"));
    }

    @Test
    void theFormatWordsListDouble() {
        assertThatThrownBy(() -> PARSER.parse(FILE, feed("""
                    - { name: a, en: A, ru: А, type: float }
                """)))
                .hasMessageEndingWith("structure.fields[1].type: unknown value 'float'; expected one of: "
                        + String.join(", ", List.of("string (строка)", "integer (целое)", "number (число)", "double (дробное)",
                        "boolean (логическое)", "date (дата)", "datetime (дата и время)")));
    }
}
