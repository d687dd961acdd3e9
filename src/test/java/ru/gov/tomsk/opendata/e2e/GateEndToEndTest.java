package ru.gov.tomsk.opendata.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.HeldVersion;
import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.pipeline.HeldVersions;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/** The validation gate through the real application: quarantine, guards, held versions, approval. */
class GateEndToEndTest {

    static final String PLACES = "7017069388-places";

    @TempDir
    Path home;

    @Test
    void dirtyRecordsAreQuarantinedWithReasonsAndTooManyHoldTheVersion() throws Exception {
        String source = Fixtures.h2Source();
        runScript(source, "e2e/places.sql");
        Fixtures.installFeed(home, PLACES + ".yaml", PLACES + ".yaml");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(source, "sa", ""))) {
            assertThat(app.run(PLACES).status()).isEqualTo(RunStatus.PUBLISHED);
            Map<String, String> published = visible(TestApp.portal(home));

            runScript(source, "e2e/places-dirty-rows.sql");
            clock.set("2026-03-21T02:00:00Z");
            FeedRun run = app.run(PLACES);

            assertThat(run.status()).isEqualTo(RunStatus.HELD);
            assertThat(run.rowsRead()).isEqualTo(11);
            assertThat(run.rowsWritten()).isEqualTo(3);
            assertThat(run.rowsRejected()).isEqualTo(8);
            assertThat(run.message()).isEqualTo(
                    "held: 72.7% of the records were rejected (8 of 11), more than maxRejectedPercent 10");
            assertThat(app.bean(GateRepository.class).quarantine(run.id()))
                    .extracting(QuarantineEntry::row, QuarantineEntry::key, QuarantineEntry::field, QuarantineEntry::value,
                            QuarantineEntry::reason)
                    .containsExactly(
                            // the key fields converted, so a record whose later value failed still has its key
                            // in the department's words first, the technical reason after
                            tuple(2L, "id=2", "visitors", "12a", "Значение не читается как целое число. Подробности: "
                                    + "field visitors, value '12a': not a valid integer"),
                            tuple(3L, "id=3", "name", null, "Обязательное значение не заполнено. Подробности: "
                                    + "field name, no value: required value is empty"),
                            tuple(4L, "id=4", "phone", "8-800", "Значение не соответствует шаблону (pattern) поля. "
                                    + "Подробности: field phone, value '8-800': does not match the pattern "
                                    + "\\+7 \\d{4} \\d{6}"),
                            tuple(5L, "id=5", "kind", "цирк", "Значения нет среди допустимых: музей, театр, "
                                    + "библиотека, парк. Подробности: field kind, value 'цирк': is not one of the allowed "
                                    + "values [музей, театр, библиотека, парк]"),
                            tuple(6L, "id=6", "visitors", "-5", "Значение меньше наименьшего допустимого 0. Подробности: "
                                    + "field visitors, value '-5': is less than the minimum 0"),
                            tuple(7L, "id=7", "name", "Областной краеведческий музей имени Михаила Болеславовича Шатилова",
                                    "Значение длиннее 60 символов. Подробности: field name, value 'Областной "
                                            + "краеведческий музей имени Михаила Болеславовича Шатилова': is longer than "
                                            + "60 characters"),
                            tuple(8L, "id=8", "latitude", "84.954, 56.484", "Точка лежит за пределами области; "
                                    + "возможно, перепутаны широта и долгота. Подробности: field latitude, value "
                                    + "'84.954, 56.484': position outside the region's bounding box 55.6..61.1 N, "
                                    + "75.0..89.3 E (latitude and longitude swapped?)"),
                            tuple(9L, "id=9", "longitude", null, "Для точки на карте нужны и широта, и долгота. "
                                    + "Подробности: field longitude, no value: a position needs both latitude and "
                                    + "longitude (WGS 84)"));
            // the same report as a file for operators, outside the published tree
            assertThat(Fixtures.lines(home.resolve("quarantine").resolve(PLACES).resolve("run-" + run.id() + ".csv")))
                    .hasSize(9)
                    .startsWith("row,key,field,value,reason", "2,id=2,visitors,12a,\"Значение не читается как целое "
                            + "число. Подробности: field visitors, value '12a': not a valid integer\"")
                    .anySatisfy(line -> assertThat(line).startsWith("8,id=8,latitude,\"84.954, 56.484\",\"Точка лежит за "
                            + "пределами области; возможно, перепутаны широта и долгота. Подробности: field latitude, value "
                            + "'84.954, 56.484': position outside the region's bounding box"));
            // the held version waits; what citizens see is exactly what was published before
            assertThat(visible(TestApp.portal(home))).isEqualTo(published);
            assertThat(app.bean(HeldVersions.class).waiting(PLACES)).singleElement()
                    .satisfies(h -> assertThat(h.runId()).isEqualTo(run.id()));
        }
    }

    @Test
    void aRepeatedKeyHoldsTheVersionAndNamesBothRows() throws Exception {
        String source = Fixtures.h2Source();
        runScript(source, "e2e/places.sql");
        Fixtures.execute(source, "sa", "", "INSERT INTO places.place VALUES (10, 'Дом учёных, второй корпус', 'музей', "
                + "'+7 3822 000012', '5', 56.487000, 84.957000)");
        Fixtures.installFeed(home, PLACES + ".yaml", PLACES + ".yaml");
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Fixtures.sourceProperties(source, "sa", ""))) {
            FeedRun run = app.run(PLACES);
            assertThat(run.status()).isEqualTo(RunStatus.HELD);
            assertThat(run.message()).isEqualTo("held: 1 record(s) repeat a key, e.g. id=10 at rows 2 and 3 "
                    + "(a key must identify one record)");
            assertThat(app.bean(GateRepository.class).quarantine(run.id()))
                    .extracting(QuarantineEntry::row, QuarantineEntry::key, QuarantineEntry::reason)
                    .containsExactly(tuple(3L, "id=10", "Такой же ключ уже есть у строки 2: ключ у каждой строки должен "
                            + "быть своим. Подробности: duplicate key: row 2 has the same key"));
            // nothing was ever published for this dataset: the registry lists none
            assertThat(Fixtures.lines(TestApp.portal(home).resolve("list.csv"))).hasSize(2);
            assertThat(TestApp.portal(home).resolve(PLACES).resolve("meta.csv")).doesNotExist();
        }
    }

    @Test
    void massRemovalIsHeldUntilAnOperatorApprovesIt() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Path dir = TestApp.portal(home).resolve(Fixtures.FEED);
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(source, "sa", ""))) {
            assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Map<String, String> published = visible(TestApp.portal(home));

            Fixtures.execute(source, "sa", "", "DELETE FROM fixture.organisation WHERE id > 1");
            clock.set("2026-03-21T02:00:00Z");
            FeedRun held = app.run(Fixtures.FEED);
            assertThat(held.status()).isEqualTo(RunStatus.HELD);
            assertThat(held.message()).isEqualTo("held: 75.0% of the published records would be removed (3 of 4), "
                    + "more than maxRemovedPercent 50");
            assertThat(held.rowsRemoved()).isEqualTo(3);
            assertThat(visible(TestApp.portal(home))).isEqualTo(published);

            // the operator checked with the department: the three organisations really closed
            clock.set("2026-03-21T05:00:00Z");
            app.bean(HeldVersions.class).approve(held.heldId(), "operator");

            List<String> meta = Fixtures.lines(dir.resolve("meta.csv"));
            assertThat(meta.get(15)).startsWith("data-20260321T1200-structure-20260320T0900,");
            assertThat(meta).contains("provenance,\"Добавлено: 0, изменено: 0, удалено: 3 (всего 1 запись)\"");
            assertThat(Fixtures.lines(dir.resolve("data-20260321T1200-structure-20260320T0900.csv"))).hasSize(2);
            assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".held-"));
            assertThat(app.bean(GateRepository.class).held(held.heldId())).get()
                    .extracting(HeldVersion::status, HeldVersion::decidedBy)
                    .containsExactly(HeldVersion.Status.APPROVED, "operator");
        }
    }

    @Test
    void aDiscardedHeldVersionLeavesNothingBehind() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(source, "sa", ""))) {
            app.run(Fixtures.FEED);
            Map<String, String> published = Fixtures.snapshot(TestApp.portal(home));
            Fixtures.execute(source, "sa", "", "DELETE FROM fixture.organisation");
            clock.set("2026-03-21T02:00:00Z");
            FeedRun held = app.run(Fixtures.FEED);
            assertThat(held.status()).isEqualTo(RunStatus.HELD);

            app.bean(HeldVersions.class).discard(held.heldId(), "operator");

            assertThat(Fixtures.snapshot(TestApp.portal(home))).isEqualTo(published);
            assertThat(app.bean(HeldVersions.class).waiting(Fixtures.FEED)).isEmpty();
        }
    }

    /** The published tree without the hidden files of held versions. */
    private static Map<String, String> visible(Path portal) {
        Map<String, String> files = Fixtures.snapshot(portal);
        files.keySet().removeIf(name -> name.contains("/."));
        return files;
    }

    private static void runScript(String url, String resource) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource(resource));
        }
    }
}
