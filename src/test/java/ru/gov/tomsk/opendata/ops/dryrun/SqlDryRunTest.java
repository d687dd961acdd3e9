package ru.gov.tomsk.opendata.ops.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.DryRunRefusedException;
import ru.gov.tomsk.opendata.ops.DryRunResult;
import ru.gov.tomsk.opendata.ops.DryRuns;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * A dry run of a SQL feed through the real application: it shows what a run would publish (first rows, rejects,
 * diff against the published version, the guards' verdict) and leaves every file and every state table as it was.
 */
class SqlDryRunTest {

    static final String FEED = Fixtures.FEED;

    @TempDir
    Path home;

    @Test
    void showsWhatARunWouldPublishAndChangesNothing() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, Fixtures.sourceProperties(source, "sa", ""))) {
            StateSnapshot.stopTimers(app);
            DryRuns dryRuns = app.bean(DryRuns.class);

            // before the first publication: everything would be new, nothing to compare with
            StateSnapshot empty = StateSnapshot.of(home, app);
            DryRunResult first = dryRuns.dryRun(FEED, 2);
            assertThat(StateSnapshot.of(home, app)).isEqualTo(empty);
            assertThat(TestApp.portal(home).resolve(FEED)).doesNotExist();
            assertThat(first.error()).isNull();
            assertThat(first.rowsRead()).isEqualTo(4);
            assertThat(first.rowsValid()).isEqualTo(4);
            assertThat(first.comparedWithVersion()).isNull();
            assertThat(first.rowsAdded()).isNull();
            assertThat(first.rowsRemoved()).isNull();
            assertThat(first.changed()).isTrue();
            assertThat(first.outcome()).isEqualTo("PUBLISHED");
            assertThat(app.runs(FEED)).isEmpty();

            FeedRun published = app.run(FEED);
            assertThat(published.status()).isEqualTo(RunStatus.PUBLISHED);

            // the same source again: a run would only confirm the version
            DryRunResult same = dryRuns.dryRun(FEED, 2);
            assertThat(same.changed()).isFalse();
            assertThat(same.outcome()).isEqualTo("UNCHANGED");
            assertThat(same.comparedWithVersion()).isEqualTo(published.dataVersion());
            assertThat(List.of(same.rowsAdded(), same.rowsChanged(), same.rowsRemoved())).containsExactly(0L, 0L, 0L);

            // one changed, one removed, one added, one that the checks refuse
            Fixtures.execute(source, "sa", "", "ALTER TABLE fixture.organisation ALTER COLUMN name SET NULL");
            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            Fixtures.execute(source, "sa", "", "DELETE FROM fixture.organisation WHERE id = 4");
            Fixtures.execute(source, "sa", "", "INSERT INTO fixture.organisation VALUES "
                    + "(5, 'Школа № 5', NULL, 10.00, DATE '2020-01-01', NULL, TRUE, NULL), "
                    + "(6, NULL, 'без названия', 1.00, NULL, NULL, FALSE, NULL)");
            clock.set("2026-03-21T02:00:00Z");

            StateSnapshot before = StateSnapshot.of(home, app);
            // the snapshot sees what there is to see: the published tree and the state tables with their rows
            assertThat(before.files()).containsKey("portal/list.csv")
                    .containsKey("portal/" + FEED + "/data-" + published.dataVersion() + "-structure-"
                            + published.dataVersion() + ".csv");
            assertThat(before.tables().get("FEED_RUN")).hasSize(1);
            assertThat(before.tables().get("DATA_VERSION")).hasSize(1);
            assertThat(before.tables().get("DATASET")).singleElement().asString()
                    .contains("VALID_UNTIL=2026-06-25;LAST_CHECKED_AT=2026-03-20 02:00:00");
            DryRunResult dry = dryRuns.dryRun(FEED, 2);
            assertThat(StateSnapshot.of(home, app)).isEqualTo(before);

            assertThat(dry.error()).isNull();
            assertThat(dry.feedId()).isEqualTo(FEED);
            assertThat(dry.rowsRead()).isEqualTo(5);
            assertThat(dry.rowsValid()).isEqualTo(4);
            assertThat(dry.rowsRejected()).isEqualTo(1);
            assertThat(dry.header()).containsExactly("id", "name", "note", "amount", "opened", "updated", "active");
            assertThat(dry.firstRows()).containsExactly(
                    List.of("1", "Школа № 1", "Адрес: г. Томск, ул. Ленина, д. 1", "99.9", "1990-09-01",
                            "2026-03-01T10:15:00+07:00", "true"),
                    java.util.Arrays.asList("2", "МАОУ \"Гимназия № 2\"", "Строка один\nСтрока два", "0", null,
                            "2026-03-02T08:00:00+07:00", "false"));
            assertThat(dry.rejectedRows()).extracting(QuarantineEntry::row, QuarantineEntry::key, QuarantineEntry::field,
                    QuarantineEntry::value, QuarantineEntry::reason)
                    .containsExactly(tuple(5L, "id=6", "name", null, "Обязательное значение не заполнено. Подробности: "
                            + "field name, no value: required value is empty"));
            assertThat(dry.comparedWithVersion()).isEqualTo(published.dataVersion());
            assertThat(List.of(dry.rowsAdded(), dry.rowsChanged(), dry.rowsRemoved())).containsExactly(1L, 1L, 1L);
            assertThat(dry.changed()).isTrue();
            // 1 of 5 rejected is more than the default 10%: the run would hold the version
            assertThat(dry.outcome()).isEqualTo("HELD");
            assertThat(dry.holdReasons()).containsExactly(
                    "20.0% of the records were rejected (1 of 5), more than maxRejectedPercent 10");

            // and the run does what the dry run said
            FeedRun run = app.run(FEED);
            assertThat(run.status()).isEqualTo(RunStatus.HELD);
            assertThat(List.of(run.rowsRead(), run.rowsWritten(), run.rowsRejected())).containsExactly(5L, 4L, 1L);
            assertThat(List.of(run.rowsAdded(), run.rowsChanged(), run.rowsRemoved())).containsExactly(1L, 1L, 1L);
        }
    }

    @Test
    void aPostedFeedFileIsTriedBeforeItIsInstalled() throws Exception {
        String source = Fixtures.h2Source();
        String posted = new String(new org.springframework.core.io.ClassPathResource("e2e/" + FEED + ".yaml")
                .getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8)
                .replace(FEED, "7017069388-posted")
                // characters a URI would mangle reach the database as written: the Kamelet's parameters are no URI
                .replace("ORDER BY id", "WHERE id > 2 AND 'a?b&c%d#e)f}g+h' = 'a?b&c%d#e)f}g+h' ORDER BY id");
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Fixtures.sourceProperties(source, "sa", ""))) {
            StateSnapshot.stopTimers(app);
            DryRuns dryRuns = app.bean(DryRuns.class);
            StateSnapshot before = StateSnapshot.of(home, app);

            DryRunResult dry = dryRuns.dryRunFile(null, posted, 5);

            assertThat(StateSnapshot.of(home, app)).isEqualTo(before);
            assertThat(dry.feedId()).isEqualTo("7017069388-posted");
            assertThat(dry.error()).isNull();
            assertThat(dry.firstRows()).extracting(row -> row.get(0)).containsExactly("3", "4");
            assertThat(dry.outcome()).isEqualTo("PUBLISHED");
            assertThat(app.bean(ru.gov.tomsk.opendata.feed.FeedRegistry.class).feed("7017069388-posted")).isEmpty();

            assertThatThrownBy(() -> dryRuns.dryRunFile(null, posted.replace("type: date", "type: day"), 5))
                    .isInstanceOfSatisfying(DryRunRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(DryRunRefusedException.Reason.INVALID_FEED))
                    .hasMessageContaining("7017069388-posted.yaml:21:")
                    .hasMessageContaining("structure.fields[4].type");
        }
    }

    @Test
    void aFailingSourceIsReportedAndNotRecordedAndAnUnknownFeedIsRefused() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.installFixtureFeed(home);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Fixtures.sourceProperties(source, "sa", ""))) {
            StateSnapshot.stopTimers(app);
            DryRuns dryRuns = app.bean(DryRuns.class);
            Fixtures.execute(source, "sa", "", "DROP VIEW fixture.v_organisations");

            StateSnapshot before = StateSnapshot.of(home, app);
            DryRunResult failed = dryRuns.dryRun(FEED, 10);
            assertThat(StateSnapshot.of(home, app)).isEqualTo(before);
            assertThat(failed.error()).contains("source failed: ").containsIgnoringCase("v_organisations");
            assertThat(failed.outcome()).isNull();
            assertThat(app.runs(FEED)).isEmpty();

            // a run in progress: the dry run would describe a state about to change
            long running = app.bean(ru.gov.tomsk.opendata.catalog.RunLog.class).start(FEED);
            assertThatThrownBy(() -> dryRuns.dryRun(FEED, 10))
                    .isInstanceOfSatisfying(DryRunRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(DryRunRefusedException.Reason.BUSY))
                    .hasMessageStartingWith("feed " + FEED + " is running now (run " + running + ", started ");

            assertThatThrownBy(() -> dryRuns.dryRun("7017069388-nosuch", 10))
                    .isInstanceOfSatisfying(DryRunRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(DryRunRefusedException.Reason.UNKNOWN_FEED))
                    .hasMessageStartingWith("no feed '7017069388-nosuch' is registered");
            assertThatThrownBy(() -> dryRuns.dryRun(FEED, 0))
                    .isInstanceOfSatisfying(DryRunRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(DryRunRefusedException.Reason.BAD_REQUEST))
                    .hasMessage("rows to show must be 1 to 1000, not 0");
        }
    }
}
