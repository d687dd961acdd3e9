package ru.gov.tomsk.opendata.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.Golden;
import ru.gov.tomsk.opendata.support.Libxml2Validator;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.StructureValidators;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * From a SQL view on an H2 source to the published MR 3.0 files, through the real application:
 * Quartz job, route template, pipeline, catalogue, state database.
 */
class PublicationEndToEndTest {

    static final String FEED = Fixtures.FEED;
    // 09:00 in Tomsk (UTC+7): versions are stamped in the region's zone
    static final String FIRST_RUN = "2026-03-20T02:00:00Z";

    @TempDir
    Path home;

    @Test
    void publishesExactFilesThenVersionsThemOnlyWhenContentOrColumnsChange() throws Exception {
        String source = Fixtures.h2Source();
        Map<String, Object> props = Fixtures.sourceProperties(source, "sa", "");
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(java.time.Instant.parse(FIRST_RUN));
        Path dir = TestApp.portal(home).resolve(FEED);

        try (TestApp app = TestApp.start(home, clock, props)) {
            FeedRun first = app.run(FEED);
            assertThat(first.status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(first.rowsRead()).isEqualTo(4);
            assertThat(first.rowsWritten()).isEqualTo(4);
            assertThat(first.dataVersion()).isEqualTo("20260320T0900");

            Golden.assertMatches(TestApp.portal(home).resolve("list.csv"), "fixture/list.csv");
            Golden.assertMatches(dir.resolve("meta.csv"), "fixture/meta.csv");
            Golden.assertMatches(dir.resolve("structure-20260320T0900.csv"), "fixture/structure.csv");
            Golden.assertMatches(dir.resolve("data-20260320T0900-structure-20260320T0900.csv"), "fixture/data.csv");
            Golden.assertMatches(dir.resolve("data-20260320T0900-structure-20260320T0900.json"), "fixture/data.json");
            Golden.assertMatches(dir.resolve("data-20260320T0900-structure-20260320T0900.xml"), "fixture/data.xml");
            Golden.assertMatches(dir.resolve("structure-20260320T0900.xsd"), "fixture/structure.xsd");
            Golden.assertMatches(dir.resolve("structure-20260320T0900.json"), "fixture/structure.json");
            Golden.assertMatches(dir.resolve("meta.json"), "fixture/meta.json");
            Golden.assertMatches(dir.resolve("meta.xml"), "fixture/meta.xml");
            Golden.assertMatches(TestApp.portal(home).resolve("list.json"), "fixture/list.json");
            Golden.assertMatches(TestApp.portal(home).resolve("list.xml"), "fixture/list.xml");
            // what was published validates against what was published as its structure, with libxml2's limits
            Libxml2Validator.validate(Files.readAllBytes(dir.resolve("structure-20260320T0900.xsd")),
                    Files.readAllBytes(dir.resolve("data-20260320T0900-structure-20260320T0900.xml")));
            assertThat(StructureValidators.jsonErrors(
                    StructureValidators.jsonSchema(Files.readAllBytes(dir.resolve("structure-20260320T0900.json"))),
                    Files.readAllBytes(dir.resolve("data-20260320T0900-structure-20260320T0900.json")))).isEmpty();

            // same content in the next quarter: no new file, but `valid` moves to the next quarter's deadline
            Map<String, String> before = Fixtures.snapshot(dir);
            clock.set("2026-04-02T02:00:00Z");
            FeedRun unchanged = app.run(FEED);
            assertThat(unchanged.status()).isEqualTo(RunStatus.UNCHANGED);
            assertThat(unchanged.dataVersion()).isEqualTo("20260320T0900");
            Map<String, String> after = Fixtures.snapshot(dir);
            assertThat(after.keySet()).isEqualTo(before.keySet());
            assertThat(Fixtures.lines(dir.resolve("meta.csv"))).contains("valid,20260925").doesNotContain("valid,20260625");

            // a changed row makes a new data version, listed first (row 15, the one consumers read)
            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-04-03T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            List<String> meta = Fixtures.lines(dir.resolve("meta.csv"));
            assertThat(meta.get(15)).startsWith("data-20260403T0900-structure-20260320T0900,");
            assertThat(meta.get(16)).startsWith("data-20260320T0900-structure-20260320T0900,");
            assertThat(meta.get(17)).startsWith("structure-20260320T0900,");
            // the older version is untouched and still downloadable
            assertThat(Fixtures.snapshot(dir).get("data-20260320T0900-structure-20260320T0900.csv"))
                    .isEqualTo(before.get("data-20260320T0900-structure-20260320T0900.csv"));
        }

        // the department adds a column: after a restart on the same state, a new structure version
        Fixtures.installFeed(home, FEED + "-with-category.yaml", FEED + ".yaml");
        clock.set("2026-04-04T02:00:00Z");
        try (TestApp app = TestApp.start(home, clock, props)) {
            FeedRun withColumn = app.run(FEED);
            assertThat(withColumn.status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(dir.resolve("structure-20260404T0900.csv")).exists();
            Golden.assertMatches(dir.resolve("meta.csv"), "fixture/meta-after-changes.csv");
            Golden.assertMatches(dir.resolve("data-20260404T0900-structure-20260404T0900.csv"), "fixture/data-with-category.csv");
        }
    }

    @Test
    void brokenFeedFileIsReportedWithItsLineAndTheOtherFeedsStillPublish() throws Exception {
        Fixtures.installFixtureFeed(home);
        Fixtures.installFeed(home, "broken-type.yaml", "7017069388-broken.yaml");
        MutableClock clock = new MutableClock(java.time.Instant.parse(FIRST_RUN));
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""))) {
            List<FeedRun> brokenRuns = app.runs("7017069388-broken");
            assertThat(brokenRuns).hasSize(1);
            assertThat(brokenRuns.get(0).status()).isEqualTo(RunStatus.INVALID);
            assertThat(brokenRuns.get(0).message())
                    .contains("7017069388-broken.yaml:16:")
                    .contains("structure.fields[0].type")
                    .contains("unknown value 'integr'; expected one of: string (строка), integer (целое), number (число), "
                            + "double (дробное), boolean (логическое), date (дата), datetime (дата и время)");
            // the department reads it in Russian first, the technical detail after
            assertThat(brokenRuns.get(0).shownMessage()).contains("7017069388-broken.yaml:16:")
                    .contains("structure.fields[0].type: Недопустимое значение «integr» свойства «type»; допустимые: "
                            + "string (строка), integer (целое)").contains("Подробности: unknown value 'integr'");

            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Fixtures.lines(TestApp.portal(home).resolve("list.csv")))
                    .hasSize(3)
                    .noneMatch(line -> line.startsWith("7017069388-broken"));
        }
    }

    @Test
    void sourceFailureIsRecordedAndLeavesThePublishedVersionIntactUntilTheNextRunRecovers() throws Exception {
        String source = Fixtures.h2Source();
        MutableClock clock = new MutableClock(java.time.Instant.parse(FIRST_RUN));
        try (TestApp app = publishedThenNextNight(source, clock, "DROP VIEW fixture.v_organisations")) {
            Map<String, String> published = Fixtures.snapshot(TestApp.portal(home));
            FeedRun failed = app.run(FEED);
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.message()).startsWith("source failed:").containsIgnoringCase("V_ORGANISATIONS");
            assertThat(Fixtures.snapshot(TestApp.portal(home))).isEqualTo(published);

            Fixtures.execute(source, "sa", "",
                    "CREATE VIEW fixture.v_organisations AS SELECT id, name, note, amount, opened, updated, active, category FROM fixture.organisation");
            clock.set("2026-03-22T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.UNCHANGED);
        }
    }

    @Test
    void restartCompletesPassportAndRegistryAndRemovesTemporaryFilesOfAnInterruptedCommit() throws Exception {
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(java.time.Instant.parse(FIRST_RUN));
        Map<String, Object> props = Fixtures.sourceProperties(Fixtures.h2Source(), "sa", "");
        Path portal = TestApp.portal(home);
        Map<String, String> published;
        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            published = Fixtures.snapshot(portal);
        }
        // a crash after the database commit but before meta and list were written, mid-way through a write
        Files.delete(portal.resolve(FEED).resolve("meta.csv"));
        Files.delete(portal.resolve("list.csv"));
        Files.writeString(portal.resolve(FEED).resolve(".meta.csv.tmp-interrupted"), "half a fi");

        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(Fixtures.snapshot(portal)).isEqualTo(published);
            // what the catalogue committed is served again; what it did not write is not, after a restart too:
            // a data file of a commit the crash rolled back, and a note someone left in the folder
            for (String file : published.keySet()) {
                assertThat(status(app, file)).as(file).isEqualTo(200);
            }
            Files.writeString(portal.resolve(FEED).resolve("data-20260320T0901-structure-20260320T0900.csv"), "rolled back");
            Files.writeString(portal.resolve(FEED).resolve("notes.txt"), "a note");
            assertThat(status(app, FEED + "/data-20260320T0901-structure-20260320T0900.csv")).isEqualTo(404);
            assertThat(status(app, FEED + "/notes.txt")).isEqualTo(404);
        }
    }

    private static int status(TestApp app, String file) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + app.port() + "/opendata/" + file)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void eachFeedIsAQuartzCronJobInTheRegionsTimeZone() throws Exception {
        Fixtures.installFixtureFeed(home);
        try (TestApp app = TestApp.start(home, new MutableClock(java.time.Instant.parse(FIRST_RUN)),
                Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""))) {
            org.quartz.Scheduler scheduler = app.bean(org.apache.camel.CamelContext.class)
                    .getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class).getScheduler();
            org.quartz.Trigger trigger = scheduler.getTrigger(org.quartz.TriggerKey.triggerKey(FEED, "opendata"));
            assertThat(trigger).isInstanceOf(org.quartz.CronTrigger.class);
            org.quartz.CronTrigger cron = (org.quartz.CronTrigger) trigger;
            assertThat(cron.getCronExpression()).isEqualTo("0 0 3 * * ?");
            assertThat(cron.getTimeZone().getID()).isEqualTo("Asia/Tomsk");
            // 03:00 in Tomsk is 20:00 UTC of the previous day
            java.time.ZonedDateTime next = cron.getNextFireTime().toInstant().atZone(java.time.ZoneId.of("Asia/Tomsk"));
            assertThat(next.getHour()).isEqualTo(3);
            assertThat(next.getMinute()).isZero();
        }
    }

    @Test
    void anEmptySourceResultIsHeldAndNeverReplacesAPublishedVersion() throws Exception {
        String source = Fixtures.h2Source();
        MutableClock clock = new MutableClock(java.time.Instant.parse(FIRST_RUN));
        try (TestApp app = publishedThenNextNight(source, clock, "DELETE FROM fixture.organisation")) {
            Map<String, String> published = Fixtures.snapshot(TestApp.portal(home));
            FeedRun empty = app.run(FEED);
            assertThat(empty.status()).isEqualTo(RunStatus.HELD);
            assertThat(empty.message()).contains("the source returned no publishable records while version 20260320T0900 has 4");
            // visible files are exactly as before; the held version waits under a hidden name
            Map<String, String> now = Fixtures.snapshot(TestApp.portal(home));
            now.keySet().removeIf(name -> name.contains("/.held-"));
            assertThat(now).isEqualTo(published);
        }
    }

    @Test
    void aQueryMayUseTheLastSuccessfulRunAsANamedParameter() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.installFixtureFeed(home);
        Path feedFile = TestApp.feeds(home).resolve(FEED + ".yaml");
        // an incremental view: only rows updated since the last successful run (1970 before the first)
        Files.writeString(feedFile, Files.readString(feedFile).replace("FROM fixture.v_organisations ORDER BY id",
                "FROM fixture.v_organisations WHERE updated > :#lastSuccessAt AND updated <= :#runStartedAt ORDER BY id"));
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-03-02T12:00:00Z")); // 19:00 in Tomsk
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(source, "sa", ""))) {
            // rows updated up to 2 March 19:00 Tomsk time: ids 1 and 2, not 4 (3 March), not 3 (never)
            FeedRun first = app.run(FEED);
            assertThat(first.status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(first.rowsRead()).isEqualTo(2);

            clock.set("2026-03-04T12:00:00Z");
            // since the first run started: only id 4
            assertThat(app.run(FEED).rowsRead()).isEqualTo(1);
        }
    }

    /**
     * The fixture feed published from {@code source} on the first night; then {@code sql} changes the source and
     * the clock moves to the next night, for the test's run.
     */
    private TestApp publishedThenNextNight(String source, MutableClock clock, String sql) throws Exception {
        Fixtures.installFixtureFeed(home);
        TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(source, "sa", ""));
        try {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Fixtures.execute(source, "sa", "", sql);
            clock.set("2026-03-21T02:00:00Z");
            return app;
        } catch (Exception | AssertionError e) {
            app.close();
            throw e;
        }
    }
}
