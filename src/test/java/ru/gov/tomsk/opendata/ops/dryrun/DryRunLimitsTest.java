package ru.gov.tomsk.opendata.ops.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.ops.DryRunRefusedException;
import ru.gov.tomsk.opendata.ops.DryRunResult;
import ru.gov.tomsk.opendata.ops.DryRuns;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * A dry run of a source too big for its time limit streams (it never loads the source), is stopped at the limit
 * and reported so, and cleans up its scratch files; while it runs, a second dry run of the same feed is refused.
 */
class DryRunLimitsTest {

    static final String FEED = "7017069388-endless";

    @TempDir
    Path home;

    @Test
    void aDryRunLongerThanItsLimitIsStoppedReportedAndCleanedUp() throws Exception {
        // a billion generated rows, produced lazily by H2 as they are fetched
        String source = Fixtures.h2Source() + ";LAZY_QUERY_EXECUTION=TRUE";
        String feed = new String(new org.springframework.core.io.ClassPathResource("e2e/" + Fixtures.FEED + ".yaml")
                .getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8)
                .replace(Fixtures.FEED, FEED)
                .replace("SELECT id, name, note, amount, opened, updated, active FROM fixture.v_organisations ORDER BY id",
                        "SELECT X AS id, CONCAT('Организация ', X) AS name, NULL AS note, X AS amount, NULL AS opened,"
                                + " NULL AS updated, TRUE AS active FROM SYSTEM_RANGE(1, 1000000000)");
        Files.writeString(TestApp.feeds(home).resolve(FEED + ".yaml"), feed);
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        props.put("opendata.dry-run.timeout", "3s");
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
            StateSnapshot.stopTimers(app);
            DryRuns dryRuns = app.bean(DryRuns.class);
            StateSnapshot before = StateSnapshot.of(home, app);

            CompletableFuture<DryRunResult> first = CompletableFuture.supplyAsync(() -> dryRuns.dryRun(FEED, 3));
            // its row index is being written: it is reading
            await().atMost(Duration.ofSeconds(10)).until(() -> scratchDirs().findAny().isPresent());
            assertThatThrownBy(() -> dryRuns.dryRun(FEED, 3))
                    .isInstanceOfSatisfying(DryRunRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(DryRunRefusedException.Reason.BUSY))
                    .hasMessage("a dry run of feed " + FEED + " is already in progress");

            DryRunResult stopped = first.get();
            assertThat(stopped.error()).isEqualTo("the dry run took longer than 3 s (opendata.dry-run.timeout) and was stopped");
            assertThat(stopped.outcome()).isNull();
            // the reading thread ends at the next record, removes its scratch files and frees the feed
            await().atMost(Duration.ofSeconds(10)).until(() -> scratchDirs().findAny().isEmpty());
            assertThat(StateSnapshot.of(home, app)).isEqualTo(before);
            assertThat(app.runs(FEED)).isEmpty();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dryRuns.dryRun(FEED, 1).error())
                    .startsWith("the dry run took longer than"));
        }
    }

    Stream<Path> scratchDirs() throws java.io.IOException {
        Path work = home.resolve("work");
        if (!Files.isDirectory(work)) {
            return Stream.empty();
        }
        try (Stream<Path> dirs = Files.list(work)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("dry-run-")).toList().stream();
        }
    }
}
