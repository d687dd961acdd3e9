package ru.gov.tomsk.opendata.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** How a feed file declares constants and expressions, and what it is told when they are wrong. */
class FieldMappingParserTest {

    static final Path FILE = Path.of("config/feeds/7017069388-mapping.yaml");
    static final FeedParser PARSER = new FeedParser(FeedRules.of(Set.of("sc"), name -> null));

    static String feed(String fields) {
        return """
                identifier: 7017069388-mapping
                title: Т
                description: О
                creator: Д
                subject: [т]
                publisher: { name: И, phone: "1", email: a@b.ru }
                frequency: quarterly
                schedule: "0 0 3 * * ?"
                source: { kind: sql, datasource: sc, query: SELECT 1 }
                structure:
                  key: [id]
                  fields:
                    - { name: id, en: Id, ru: Ид, type: integer }
                """ + fields;
    }

    @Test
    void constantsAndExpressionsAreRead() throws Exception {
        FeedDefinition feed = PARSER.parse(FILE, feed("""
                    - { name: region, en: Region, ru: Регион, type: string, constant: Томская область }
                    - { name: address, en: Address, ru: Адрес, type: string, expression: "{zip}, {city}" }
                """));
        assertThat(feed.structure().fields()).extracting(ru.gov.tomsk.opendata.dataset.Field::expression)
                .containsExactly(null, "Томская область", "{zip}, {city}");
    }

    @Test
    void mistakesAreLocated() {
        assertThatThrownBy(() -> PARSER.parse(FILE, feed("""
                    - { name: a, en: A, ru: А, type: integer, constant: много }
                    - { name: b, en: B, ru: Б, type: string, expression: без колонок }
                    - { name: c, en: C, ru: В, type: string, source: col, constant: x }
                """)))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessage(String.join("\n",
                        FILE + ":14:57: structure.fields[1].constant: 'много' is not a valid integer",
                        FILE + ":15:58: structure.fields[2].expression: an expression names source columns as {column}, "
                                + "e.g. \"{postcode}, {city}\"; for a fixed value use constant",
                        FILE + ":16:7: structure.fields[3]: give at most one of source, constant and expression"));
    }
}
