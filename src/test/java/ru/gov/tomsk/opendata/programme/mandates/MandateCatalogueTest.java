package ru.gov.tomsk.opendata.programme.mandates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedParser;
import ru.gov.tomsk.opendata.feed.FeedProblem;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.feed.FeedValidationCommand;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;
import ru.gov.tomsk.opendata.feed.MandateIndex;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;
import ru.gov.tomsk.opendata.source.SourceOptionChecks;

/**
 * The catalogue of mandated lists as files: the demo format reads, a broken file is told with its file:line:column
 * and property without losing the other lists, and a feed's {@code mandates:} is checked against the catalogue.
 */
class MandateCatalogueTest {

    static final Path DEMO = Path.of("src/test/resources/mandates/demo");

    @TempDir
    Path dir;

    static MandateCatalogue catalogue(Path directory) {
        return new MandateCatalogue(new ProgrammeProperties(Map.of(), null, directory, Map.of(), null));
    }

    @Test
    void theDemoCatalogueReadsWithItsActItemsAndDemoMark() {
        MandateCatalogue.Snapshot snapshot = catalogue(DEMO).snapshot();
        assertThat(snapshot.broken()).isEmpty();
        assertThat(snapshot.lists()).extracting(MandateList::id).containsExactly("1187-р", "232-р");
        MandateList list = snapshot.list("1187-р").orElseThrow();
        assertThat(list.demo()).isTrue();
        assertThat(list.act().citation()).isEqualTo("Распоряжение Правительства Российской Федерации от 10.07.2013 № 1187-р");
        assertThat(list.act().date()).isEqualTo(LocalDate.of(2013, 7, 10));
        assertThat(list.items()).containsExactly(
                new MandateItem(1, "Сведения об организациях", false, Frequency.QUARTERLY, false, null),
                new MandateItem(2, "Ежедневная сводка", false, Frequency.DAILY, false, "7017069388"),
                new MandateItem(3, "Сведения о проверках", false, Frequency.QUARTERLY, false, "7017069388"),
                new MandateItem(4, "Еженедельная сводка", false, Frequency.WEEKLY, false, null));
        // the Russian frequency word is read as the feed files read it
        assertThat(snapshot.list("232-р").orElseThrow().item(2).orElseThrow())
                .isEqualTo(new MandateItem(2, "Учреждения культуры", true, Frequency.QUARTERLY, false, null));
        assertThat(catalogue(DEMO).index().lists()).containsOnlyKeys("1187-р", "232-р");
    }

    @Test
    void theShippedDemoCatalogueIsValidMarkedAsDemoAndCoversEachKind() {
        MandateCatalogue.Snapshot shipped = catalogue(Path.of("config/mandates")).snapshot();
        assertThat(shipped.broken()).isEmpty();
        assertThat(shipped.lists()).extracting(MandateList::id)
                .containsExactlyInAnyOrder("1187-р", "232-р", "типовой-2018", "справочники");
        assertThat(shipped.lists()).allMatch(MandateList::demo);
        for (MandateList list : shipped.lists()) {
            assertThat(list.file()).content(StandardCharsets.UTF_8).startsWith("# ДЕМОНСТРАЦИОННЫЙ ПЕРЕЧЕНЬ, ФОРМУЛИРОВКИ НЕ ОФИЦИАЛЬНЫЕ.");
        }
        assertThat(shipped.list("232-р").orElseThrow().items()).allMatch(MandateItem::coordinates);
        assertThat(shipped.list("справочники").orElseThrow().items()).allMatch(MandateItem::reference);
    }

    @Test
    void theShippedDemoFeedsNameItemsOfTheShippedCatalogue() throws Exception {
        FeedParser parser = new FeedParser(FeedRules.of(Set.of("situation-centre"), name -> "/tmp")
                .withKinds(ru.gov.tomsk.opendata.feed.SourceKinds.load(ru.gov.tomsk.opendata.feed.SourceKinds.DEFAULT_LOCATIONS))
                .withTargets(Set.of("regional", "federal"))
                .withMandates(() -> MandateCatalogue.index(Path.of("config/mandates"))));
        Map<String, String> declared = new java.util.TreeMap<>();
        for (Path file : ru.gov.tomsk.opendata.feed.FeedRegistry.feedFiles(Path.of("config/feeds"))) {
            FeedDefinition feed = parser.parse(file);
            if (!feed.mandates().isEmpty()) {
                declared.put(feed.identifier(), feed.mandates().toString() + (feed.geo() ? " geo" : ""));
            }
        }
        assertThat(declared).containsExactly(
                Map.entry("7017000420-budget", "[1187-р/4]"),
                Map.entry("7017004620-culture", "[232-р/3, типовой-2018/2] geo"),
                Map.entry("7017069388-schools", "[232-р/1, типовой-2018/1] geo"),
                // the demo shows a coordinate item whose dataset has none: «координаты: нет»
                Map.entry("7017107837-medorgs", "[232-р/2]"));
    }

    @Test
    void aBrokenFileNamesFileLineColumnAndPropertyAndTheOtherListsStay() throws IOException {
        Files.copy(DEMO.resolve("1187.yaml"), dir.resolve("1187.yaml"));
        Path broken = Files.writeString(dir.resolve("broken.yaml"), """
                id: 232-р
                title: Перечень с ошибками
                act: { name: Распоряжение, date: 10.02.2023 }
                items:
                  - number: 1
                    wording: Организации
                    coordinates: true
                    frequency: quarterly
                  - number: 1
                    wording: Учреждения
                    coordinates: может быть
                    frequency: sometimes
                    ownr: "7017069388"
                  - number: 3
                    frequency: daily
                """);
        MandateCatalogue.Snapshot snapshot = catalogue(dir).snapshot();
        assertThat(snapshot.lists()).extracting(MandateList::id).containsExactly("1187-р");
        assertThat(snapshot.broken()).hasSize(1);
        assertThat(snapshot.broken().get(0).file()).isEqualTo(broken);
        assertThat(snapshot.broken().get(0).problems()).extracting(FeedProblem::toString).containsExactly(
                broken + ":3:34: act.date: expected a date YYYY-MM-DD",
                broken + ":9:13: items[1].number: item 1 is given twice",
                broken + ":11:18: items[1].coordinates: expected true or false",
                broken + ":12:16: items[1].frequency: unknown value 'sometimes'; expected one of: "
                        + Frequency.words(),
                broken + ":13:5: items[1].ownr: unknown property; expected one of: coordinates, frequency, kind, "
                        + "number, owner, wording",
                broken + ":14:5: items[2].wording: required property is missing",
                broken + ":14:5: items[2].coordinates: required property is missing");
        assertThat(snapshot.broken().get(0).problems().get(1).russian())
                .isEqualTo("Пункт 1 уже есть (строка 5): у каждого пункта свой номер.");
        // the feeds' references to an unknown list cannot be judged while a file is broken
        assertThat(catalogue(dir).index().complete()).isFalse();
    }

    @Test
    void aYamlSyntaxErrorAndATwiceDefinedListAreToldAtTheirLines() throws IOException {
        Files.copy(DEMO.resolve("1187.yaml"), dir.resolve("a.yaml"));
        Path twice = Files.writeString(dir.resolve("b.yaml"), "title: Ещё раз\nid: 1187-р\nact: { name: Акт }\n"
                + "items:\n  - { number: 1, wording: Пункт, coordinates: false, frequency: yearly }\n");
        Path syntax = Files.writeString(dir.resolve("c.yaml"), "id: 232-р\ntitle: \"незакрытая кавычка\nitems: []\n");
        MandateCatalogue.Snapshot snapshot = catalogue(dir).snapshot();
        assertThat(snapshot.lists()).extracting(MandateList::file).containsExactly(dir.resolve("a.yaml"));
        assertThat(snapshot.broken()).extracting(BrokenCatalogueFile::file).containsExactly(twice, syntax);
        assertThat(snapshot.broken().get(0).problems().get(0).departmentLine())
                .startsWith(twice + ":2:1: id: Перечень «1187-р» уже описан в файле a.yaml");
        assertThat(snapshot.broken().get(1).problems().get(0).toString()).startsWith(syntax + ":2:");
    }

    @Test
    void anEditedFileIsReadAgain() throws IOException {
        Path file = Files.copy(DEMO.resolve("232.yaml"), dir.resolve("232.yaml"));
        MandateCatalogue catalogue = catalogue(dir);
        assertThat(catalogue.snapshot().list("232-р").orElseThrow().items()).hasSize(2);
        Files.writeString(file, Files.readString(file) + """
                  - number: 3
                    wording: Спортивные сооружения
                    coordinates: true
                    frequency: quarterly
                """);
        assertThat(catalogue.snapshot().list("232-р").orElseThrow().items()).hasSize(3);
    }

    // --- the feed side: mandates: and reference:

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
              query: SELECT id FROM schools
            structure:
              key: [id]
              fields:
                - { name: id, en: Identifier, ru: Идентификатор, type: integer, required: true }
            reference: true
            mandates: [1187-р/1, 232-р/2]
            """;

    static FeedParser parser(MandateIndex index) {
        return new FeedParser(FeedRules.of(Set.of("situation-centre"), name -> null).withMandates(() -> index));
    }

    @Test
    void aFeedDeclaresItemsAndReferenceBook() throws Exception {
        FeedDefinition feed = parser(MandateCatalogue.index(DEMO)).parse(Path.of("7017069388-schools.yaml"), FEED);
        assertThat(feed.mandates()).containsExactly(new FeedDefinition.Mandate("1187-р", 1),
                new FeedDefinition.Mandate("232-р", 2));
        assertThat(feed.mandates().get(0)).hasToString("1187-р/1");
        assertThat(feed.reference()).isTrue();
        assertThat(parser(MandateIndex.UNCHECKED).parse(Path.of("7017069388-schools.yaml"),
                FEED.replace("reference: true\n", "").replace("232-р/2", "любой/7")).reference()).isFalse();
    }

    @Test
    void anUnknownItemOrListOrAMalformedReferenceIsRefusedAtItsLine() {
        String typos = FEED.replace("mandates: [1187-р/1, 232-р/2]",
                "mandates:\n  - 1187-р/9\n  - 1178-р/1\n  - 1187-р 5\n  - 232-р/2\n  - 232-р/2");
        Path file = Path.of("7017069388-schools.yaml");
        assertThatThrownBy(() -> parser(MandateCatalogue.index(DEMO)).parse(file, typos))
                .isInstanceOfSatisfying(InvalidFeedException.class, e -> {
                    assertThat(e.problems()).extracting(FeedProblem::toString).containsExactly(
                            file + ":19:5: mandates[0]: list '1187-р' has no item 9; items: 1–4",
                            file + ":20:5: mandates[1]: no mandated list '1178-р' in the catalogue; lists: 1187-р, 232-р",
                            file + ":21:5: mandates[2]: '1187-р 5' is not <list>/<item number>, e.g. 1187-р/5",
                            file + ":23:5: mandates[4]: 232-р/2 is given twice");
                    assertThat(e.problems().get(0).russian()).isEqualTo("В перечне «1187-р» нет пункта 9; пункты: 1–4.");
                });
        // a Latin p in place of the Cyrillic р looks the same: the message says what differs
        assertThatThrownBy(() -> parser(MandateCatalogue.index(DEMO)).parse(file, FEED.replace("232-р/2", "232-p/2")))
                .isInstanceOfSatisfying(InvalidFeedException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).russian()).isEqualTo("Перечня «232-p» нет в каталоге обязательных "
                            + "перечней; есть: 1187-р, 232-р. Код «232-р» пишется теми же буквами, но другой раскладки: "
                            + "наберите буквы кода по-русски.");
                });
    }

    @Test
    void whileACatalogueFileIsBrokenAnUnknownListIsNotHeldAgainstTheFeedButAnUnknownItemIs() throws Exception {
        MandateIndex partial = new MandateIndex(Map.of("1187-р", new java.util.TreeSet<>(List.of(1, 2, 3))),
                List.of("broken.yaml:1:1: …"), true);
        String otherList = FEED.replace("232-р/2", "232-р/7");
        assertThat(parser(partial).parse(Path.of("7017069388-schools.yaml"), otherList).mandates()).hasSize(2);
        assertThatThrownBy(() -> parser(partial).parse(Path.of("7017069388-schools.yaml"),
                FEED.replace("1187-р/1", "1187-р/4"))).hasMessageContaining("list '1187-р' has no item 4");
    }

    @Test
    void validateChecksFeedsAgainstTheCatalogueAndReportsItsBrokenFiles() throws IOException {
        Path feeds = Files.createDirectories(dir.resolve("feeds"));
        Files.writeString(feeds.resolve("7017069388-schools.yaml"), FEED.replace("232-р/2", "232-р/5"));
        Path mandates = Files.createDirectories(dir.resolve("mandates"));
        Files.copy(DEMO.resolve("1187.yaml"), mandates.resolve("1187.yaml"));
        Files.copy(DEMO.resolve("232.yaml"), mandates.resolve("232.yaml"));
        Files.writeString(mandates.resolve("x.yaml"), "id: x\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int code;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            code = FeedValidationCommand.run(new String[] {feeds.toString()}, SourceOptionChecks.all(),
                    ignored -> MandateCatalogue.index(mandates));
        } finally {
            System.setOut(previous);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isEqualTo(1);
        assertThat(out).contains("ОШИБКИ  " + feeds.resolve("7017069388-schools.yaml"))
                .contains(feeds.resolve("7017069388-schools.yaml") + ":18:22: mandates[1]: В перечне «232-р» нет пункта 5; пункты: 1–2.")
                .contains("ОШИБКИ  в каталоге обязательных перечней")
                .contains(mandates.resolve("x.yaml") + ":1:1: title: Не указано обязательное свойство «title».");
    }
}
