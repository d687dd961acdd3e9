package ru.gov.tomsk.opendata.ops.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.DryRunResult;
import ru.gov.tomsk.opendata.ops.DryRuns;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * A dry run of a file-drop feed reads the file the next run would read and leaves it where it is: not archived,
 * not remembered as processed, so the run that follows still publishes it. (Remote drops: RemoteDropDryRunTest.)
 */
class FileDropDryRunTest {

    static final String FEED = "7017069388-drops";
    static final String CSV = "id,name,amount,opened,active\r\n"
            + "1,Школа № 1,1234.50,01.09.1990,да\r\n"
            + "2,\"МАОУ \"\"Гимназия № 2\"\"\",0.00,,нет\r\n"
            + "3,\"Детский сад, корпус 2\",1000000.00,15.06.2015,да\r\n";
    /** Long before the test runs, so that the drop's minimum age (30 s) is reached. */
    static final FileTime DROPPED_AT = FileTime.from(Instant.parse("2026-03-20T01:00:00Z"));

    @TempDir
    Path home;

    @Test
    void readsTheWaitingFileWithoutConsumingItAndRefusesRemoteDrops() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Fixtures.installFeed(home, FEED + ".yaml", FEED + ".yaml");
        Path drop = inbox.resolve("organisations.csv");
        Files.writeString(drop, CSV);
        Files.setLastModifiedTime(drop, DROPPED_AT);

        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Map.of("DROPS_DIR", inbox.toString()))) {
            StateSnapshot.stopTimers(app);
            DryRuns dryRuns = app.bean(DryRuns.class);
            StateSnapshot before = StateSnapshot.of(home, app);
            assertThat(before.files()).containsKey("inbox/organisations.csv");

            DryRunResult dry = dryRuns.dryRun(FEED, 10);

            assertThat(StateSnapshot.of(home, app)).isEqualTo(before);
            assertThat(Files.getLastModifiedTime(drop)).isEqualTo(DROPPED_AT);
            assertThat(inbox.resolve(".done")).doesNotExist();
            assertThat(dry.error()).isNull();
            assertThat(dry.source()).startsWith("file organisations.csv in ");
            assertThat(List.of(dry.rowsRead(), dry.rowsValid(), dry.rowsRejected())).containsExactly(3L, 3L, 0L);
            assertThat(dry.header()).containsExactly("id", "name", "amount", "opened", "active");
            assertThat(dry.firstRows()).containsExactly(
                    List.of("1", "Школа № 1", "1234.5", "1990-09-01", "true"),
                    Arrays.asList("2", "МАОУ \"Гимназия № 2\"", "0", null, "false"),
                    List.of("3", "Детский сад, корпус 2", "1000000", "2015-06-15", "true"));
            assertThat(dry.outcome()).isEqualTo("PUBLISHED");

            // the file is still new to the feed: the run reads and archives it
            int runs = app.runs(FEED).size();
            app.bean(ru.gov.tomsk.opendata.source.FeedRoutes.class).runNow(FEED);
            FeedRun run = app.awaitRun(FEED, runs);
            assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(run.rowsWritten()).isEqualTo(3);
            // the consumer moves the file once the run is recorded, in the same job
            await().untilAsserted(() -> assertThat(drop).doesNotExist());

            // nothing waits now: the dry run says so at once instead of showing an old file
            DryRunResult nothing = dryRuns.dryRun(FEED, 10);
            assertThat(nothing.error()).contains("source failed: nothing to read: no file matching 'organisations*.csv'"
                    + " is ready in " + inbox);
        }
    }
}
