package ru.gov.tomsk.opendata.feed;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.source.SourceOptionChecks;

/** A source kind's options are checked when the feed loads, with the file and line of the option at fault. */
class SourceOptionLoadTimeTest {

    static final Path FILE = Path.of("config/feeds/7017069388-drop.yaml");
    static final FeedParser PARSER = new FeedParser(FeedRules.of(Set.of(), Map.of("API_TOKEN", "t0k3n")::get,
            SourceOptionChecks.all().byKind()));

    static String feed(String source) {
        return """
                identifier: 7017069388-drop
                title: Т
                description: О
                creator: Д
                subject: [т]
                publisher: { name: И, phone: "1", email: a@b.ru }
                frequency: quarterly
                schedule: "0 0 3 * * ?"
                source:
                """ + source + """
                structure:
                  key: [id]
                  fields:
                    - { name: id, en: Id, ru: Ид, type: integer }
                """;
    }

    @Test
    void aValidFileDropAndHttpSourceLoad() {
        assertThatCode(() -> PARSER.parse(FILE, feed("""
                  kind: file
                  directory: /srv/inbox
                  format: csv
                  separator: ";"
                  charset: windows-1251
                """))).doesNotThrowAnyException();
        assertThatCode(() -> PARSER.parse(FILE, feed("""
                  kind: http
                  url: https://api.example.ru/schools
                  token: ${API_TOKEN}
                  pagination: cursor
                  cursorPath: meta.next
                  path: items
                """))).doesNotThrowAnyException();
    }

    @Test
    void anUnknownPayloadFormatIsReportedAtItsLine() {
        assertThatThrownBy(() -> PARSER.parse(FILE, feed("""
                  kind: file
                  directory: /srv/inbox
                  format: csvv
                """)))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessageStartingWith(FILE + ":12:11: source.format: ")
                .hasMessageContaining("csvv");
    }

    @Test
    void aPagingStyleWithoutItsParameterIsReportedWhenTheFeedLoads() {
        assertThatThrownBy(() -> PARSER.parse(FILE, feed("""
                  kind: http
                  url: https://api.example.ru/schools
                  token: ${API_TOKEN}
                  pagination: cursor
                """)))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessageStartingWith(FILE + ":10:3: source: option 'cursorPath' is required with pagination: cursor")
                .hasMessageNotContaining("t0k3n");
    }
}
