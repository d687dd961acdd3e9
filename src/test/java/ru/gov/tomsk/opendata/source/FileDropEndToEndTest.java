package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ru.gov.tomsk.opendata.source.Drops.CHANGED_CSV;
import static ru.gov.tomsk.opendata.source.Drops.DROPPED_AT;
import static ru.gov.tomsk.opendata.source.Drops.FEED;
import static ru.gov.tomsk.opendata.source.Drops.GOOD_CSV;
import static ru.gov.tomsk.opendata.source.Drops.RAGGED_CSV;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * Source kind {@code file}, through the real application: the feed's Quartz job polls a drop directory, each new
 * file is one run, and the file ends in {@code .done/<date>/} or {@code .error/} with its reason; the state
 * database remembers what was processed across restarts.
 */
class FileDropEndToEndTest {

    // 09:00 in Tomsk (UTC+7)
    static final String FIRST_RUN = "2026-03-20T02:00:00Z";

    @TempDir
    Path home;

    Path inbox() {
        return home.resolve("inbox");
    }

    Map<String, Object> props() {
        return Map.of("DROPS_DIR", inbox().toString());
    }

    @Test
    void aDropIsPublishedArchivedByDateAndNeverProcessedTwiceEvenAfterARestart() throws Exception {
        Drops.installFeed(home, null);
        MutableClock clock = new MutableClock(Instant.parse(FIRST_RUN));
        Path dataset = TestApp.portal(home).resolve(FEED);

        try (TestApp app = TestApp.start(home, clock, props())) {
            // polled by the feed's own cron trigger in the region's zone, as a job runNow can fire
            Scheduler scheduler = app.bean(CamelContext.class).getComponent("quartz", QuartzComponent.class).getScheduler();
            CronTrigger trigger = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey(FEED, "opendata"));
            assertThat(trigger.getCronExpression()).isEqualTo("0 0 3 * * ?");
            assertThat(trigger.getTimeZone().getID()).isEqualTo("Asia/Tomsk");
            assertThat(trigger.getJobKey()).isEqualTo(JobKey.jobKey(FEED, "opendata"));

            Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
            FeedRun first = Drops.run(app, FEED);
            assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(first.rowsRead()).isEqualTo(3);
            assertThat(first.rowsWritten()).isEqualTo(3);
            assertThat(first.dataVersion()).isEqualTo("20260320T0900");
            assertThat(Files.readString(dataset.resolve("data-20260320T0900-structure-20260320T0900.csv"))).isEqualTo(
                    "id,name,amount,opened,active\r\n"
                            + "1,Школа № 1,1234.5,1990-09-01,true\r\n"
                            + "2,\"МАОУ \"\"Гимназия № 2\"\"\",0,,false\r\n"
                            + "3,\"Детский сад, корпус 2\",1000000,2015-06-15,true\r\n");
            // archived under the service's day in Tomsk, the inbox is empty
            assertThat(Drops.files(inbox())).isEmpty();
            assertThat(inbox().resolve(".done/20260320/organisations.csv")).hasContent(GOOD_CSV);
        }

        // after a restart on the same state database, the very same file (name, size, mtime) is not read again
        clock.set("2026-03-21T02:00:00Z");
        try (TestApp app = TestApp.start(home, clock, props())) {
            Map<String, String> published = Fixtures.snapshot(TestApp.portal(home));
            Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
            Drops.fire(app, FEED);
            assertThat(app.runs(FEED)).hasSize(1);
            assertThat(Drops.files(inbox())).containsExactly("organisations.csv");
            assertThat(Fixtures.snapshot(TestApp.portal(home))).isEqualTo(published);

            // the department replaces it with a corrected file: that one is new, and published
            Drops.drop(inbox(), "organisations.csv", CHANGED_CSV, DROPPED_AT.plusSeconds(3600));
            FeedRun changed = Drops.run(app, FEED);
            assertThat(changed.status()).as(changed.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(changed.dataVersion()).isEqualTo("20260321T0900");
            assertThat(changed.rowsChanged()).isEqualTo(1);
            assertThat(Drops.files(inbox())).isEmpty();
            assertThat(inbox().resolve(".done/20260321/organisations.csv")).hasContent(CHANGED_CSV);
        }
    }

    @Test
    void aMalformedDropFailsItsRunGoesToErrorWithItsReasonAndThePublishedVersionStays() throws Exception {
        Drops.installFeed(home, null);
        MutableClock clock = new MutableClock(Instant.parse(FIRST_RUN));
        try (TestApp app = TestApp.start(home, clock, props())) {
            Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
            // TestApp.run fires a file feed like any other (it returns once the run is recorded); the move to
            // .done/ follows in the same job, and must happen before the clock moves to the next day
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            await().untilAsserted(() -> assertThat(inbox().resolve(".done/20260320/organisations.csv")).exists());
            Map<String, String> published = Fixtures.snapshot(TestApp.portal(home));

            assertThat(Drops.assertBadDropRefused(app, clock, home, inbox(), published))
                    .contains("Feed: " + FEED)
                    .contains("File: organisations-bad.csv");
            Path error = inbox().resolve(".error");
            assertThat(inbox().resolve(".done/20260321")).doesNotExist();

            // a failed file is not remembered as processed: the same file dropped again is read again
            Files.move(error.resolve("organisations-bad.csv"), inbox().resolve("organisations-bad.csv"));
            assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.FAILED);

            // an empty drop is read (not waited for) and fails with its reason
            Drops.drop(inbox(), "organisations-empty.csv", "", DROPPED_AT);
            FeedRun empty = Drops.run(app, FEED);
            assertThat(empty.status()).isEqualTo(RunStatus.FAILED);
            assertThat(empty.message()).contains("organisations-empty.csv: the file is empty");
            assertThat(error.resolve("organisations-empty.csv.error.txt")).exists();
            assertThat(Fixtures.snapshot(TestApp.portal(home))).isEqualTo(published);
        }
    }

    @Test
    void aFeedThatAsksForADoneFileWaitsForIt() throws Exception {
        Drops.installFeed(home, """
                  kind: file
                  directory: ${DROPS_DIR}
                  include: organisations*.csv
                  doneFileName: ${file:name}.done
                  minAge: 1s
                  format: csv
                """);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse(FIRST_RUN)), props())) {
            Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
            Drops.fire(app, FEED);
            assertThat(app.runs(FEED)).isEmpty();
            assertThat(Drops.files(inbox())).containsExactly("organisations.csv");

            Drops.drop(inbox(), "organisations.csv.done", "", DROPPED_AT);
            assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            // the done-file goes with its file
            assertThat(Drops.files(inbox())).isEmpty();
            assertThat(inbox().resolve(".done/20260320/organisations.csv")).exists();
        }
    }

    @Test
    void theFeedsPayloadOptionsSayHowADropIsRead() throws Exception {
        Drops.installFeed(home, """
                  kind: file
                  directory: ${DROPS_DIR}
                  include: "*.json"
                  minAge: 1s
                  format: json
                  path: data.items
                """);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse(FIRST_RUN)), props())) {
            Drops.drop(inbox(), "organisations.json", """
                    {"data": {"total": 2, "items": [
                      {"id": 1, "name": "Школа № 1", "amount": 1234.50, "opened": "01.09.1990", "active": true},
                      {"id": 2, "name": "Гимназия № 2", "amount": 0, "opened": null, "active": false}
                    ]}}
                    """, DROPPED_AT);
            FeedRun run = Drops.run(app, FEED);
            assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(run.rowsWritten()).isEqualTo(2);
            assertThat(inbox().resolve(".done/20260320/organisations.json")).exists();
        }
    }

    @Test
    void theProcessedFilesAreRememberedInAPostgresStateDatabaseToo() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, Object> props = new HashMap<>(props());
            props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
            Drops.installFeed(home, null);
            MutableClock clock = new MutableClock(Instant.parse(FIRST_RUN));
            try (TestApp app = TestApp.start(home, clock, props)) {
                Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
                assertThat(Drops.run(app, FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            }
            try (TestApp app = TestApp.start(home, clock, props)) {
                Drops.drop(inbox(), "organisations.csv", GOOD_CSV, DROPPED_AT);
                Drops.fire(app, FEED);
                assertThat(app.runs(FEED)).hasSize(1);
                assertThat(Drops.files(inbox())).containsExactly("organisations.csv");
            }
            // Flyway's table, in PostgreSQL's lower case, is the one the repository wrote to
            Fixtures.execute(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "DELETE FROM processed_file WHERE messageid = '" + FEED + ":organisations.csv:"
                            + GOOD_CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + ":"
                            + DROPPED_AT.toEpochMilli() + "' AND processorname = 'file-drops'");
            try (TestApp app = TestApp.start(home, clock, props)) {
                FeedRun again = Drops.run(app, FEED);
                assertThat(again.status()).as(again.message()).isEqualTo(RunStatus.UNCHANGED);
            }
        }
    }
}
