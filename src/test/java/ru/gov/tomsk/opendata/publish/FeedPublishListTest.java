package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.feed.FeedParser;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;

/** A feed's {@code publish} list: named targets are checked against the configured ones; absent means all of them. */
class FeedPublishListTest {

    static final Path FILE = Path.of("config/feeds/7017069388-schools.yaml");
    static final String FEED = """
            identifier: 7017069388-schools
            title: Школы
            description: Адреса школ
            creator: Департамент общего образования Томской области
            subject: [образование]
            publisher: { name: Иванова Анна Петровна, phone: "+7 3822 510000", email: opendata@example.ru }
            frequency: quarterly
            schedule: "0 0 3 * * ?"
            source:
              kind: sql
              datasource: situation-centre
              query: SELECT id FROM opendata.v_schools
            structure:
              key: [id]
              fields:
                - { name: id, en: Identifier, ru: Идентификатор, type: integer, required: true }
            """;

    final FeedParser parser = new FeedParser(FeedRules.of(Set.of("situation-centre"), name -> null)
            .withTargets(Set.of("regional", "federal")));

    @Test
    void withoutPublishADatasetGoesToEveryConfiguredTarget() throws InvalidFeedException {
        assertThat(parser.parse(FILE, FEED).publish()).containsExactly("federal", "regional");
    }

    @Test
    void publishNamesTheTargetsAndAnEmptyListKeepsTheDatasetLocal() throws InvalidFeedException {
        assertThat(parser.parse(FILE, FEED + "publish: [regional]\n").publish()).containsExactly("regional");
        assertThat(parser.parse(FILE, FEED + "publish: regional, federal, regional\n").publish())
                .containsExactly("regional", "federal");
        assertThat(parser.parse(FILE, FEED + "publish: []\n").publish()).isEmpty();
    }

    @Test
    void anUnknownTargetIsReportedAtItsLineWithTheConfiguredNames() {
        InvalidFeedException e = catchThrowableOfType(InvalidFeedException.class,
                () -> parser.parse(FILE, FEED + "publish: [regional, fedral]\n"));
        assertThat(e.problems()).extracting(Object::toString).containsExactly(FILE + ":17:21: publish[1]: no target named "
                + "'fedral' is configured; configured: federal, regional (opendata.targets in application.yml)");

        FeedParser noTargets = new FeedParser(FeedRules.of(Set.of("situation-centre"), name -> null));
        assertThat(catchThrowableOfType(InvalidFeedException.class, () -> noTargets.parse(FILE, FEED + "publish: [regional]\n"))
                .problems()).extracting(Object::toString).containsExactly(FILE + ":17:11: publish[0]: no target named "
                + "'regional' is configured; configured: none (opendata.targets in application.yml)");
    }
}
