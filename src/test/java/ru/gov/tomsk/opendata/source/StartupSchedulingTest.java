package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatus;
import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestFtpServer;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * Feeds that only read dropped files (file, ftp and sftp; no sql or http feed, whose {@code quartz:} endpoint
 * would create the scheduler on the way) are scheduled on every fresh start, whichever thread touches Quartz
 * first. An operations reader of Quartz ({@code startup/early-ops-reader.camel.yaml}) starts at another moment on
 * each start, so that on some it touches Quartz first while the feed routes are being created, as the
 * {@code ops-feed-metrics} route did on slow starts in the field, where 8 of 14 starts left the feed INVALID.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSchedulingTest {

    static final int STARTS = 20;
    /** In identifier order, the order their routes are created in. */
    static final List<String> FEEDS = List.of("7017069388-drops_file", "7017069388-drops_ftp", "7017069388-drops_sftp");
    static final String USER = "opendata";
    static final String PASSWORD = "startup-test";

    @TempDir
    Path home;
    @TempDir
    Path serverRoot;

    TestFtpServer ftp;
    TestSftpServer sftp;

    @BeforeEach
    void startServers() throws Exception {
        ftp = TestFtpServer.serving(serverRoot).login(USER, PASSWORD).start();

        sftp = TestSftpServer.serving(serverRoot).password(USER, PASSWORD).start();
    }

    @AfterEach
    void stopServers() throws Exception {
        ftp.close();
        sftp.close();
    }

    @Test
    void onlyFileKindFeedsAreScheduledOnEveryFreshStartWhicheverThreadTouchesQuartzFirst(CapturedOutput output)
            throws Exception {
        Drops.installFeed(home, FEEDS.get(0), null);
        Drops.installFeed(home, FEEDS.get(1), FtpSourceTest.SOURCE);
        Drops.installFeed(home, FEEDS.get(2), SftpSourceTest.PASSWORD_SOURCE);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        List<String> problems = new ArrayList<>();
        // the state database outlives a start: only the INVALID runs a start adds are its own
        Map<String, Long> invalidRuns = new HashMap<>();
        for (int start = 1; start <= STARTS; start++) {
            Map<String, Object> props = properties();
            // from Camel's first millisecond to about when the feed routes are created on a slow start
            props.put("test.early-ops-reader.delay", String.valueOf((start - 1) * 50));
            try (TestApp app = TestApp.start(home, clock, props)) {
                problems.addAll(problems(app, "start " + start + ": ", invalidRuns));
                // the reader always has an exchange in flight, which would hold up Camel's shutdown for a second
                app.bean(CamelContext.class).getRouteController().stopRoute("test-early-ops-reader");
            }
        }
        long failedStarts = problems.stream().map(problem -> problem.substring(0, problem.indexOf(':'))).distinct().count();
        assertThat(problems).as("%d of %d fresh starts left a feed unscheduled", failedStarts, STARTS).isEmpty();
        assertThat(output.getAll()).contains("Feed " + FEEDS.get(0) + " scheduled")
                .doesNotContain("Cannot create the route").doesNotContain("Cannot remove the schedules");
    }

    /** Everything that shows a feed not scheduled after this start; empty when all are. */
    private static List<String> problems(TestApp app, String start, Map<String, Long> invalidRuns) throws Exception {
        List<String> problems = new ArrayList<>();
        CamelContext camel = app.bean(CamelContext.class);
        if (!app.bean(FeedRoutes.class).started()) {
            problems.add(start + "the feeds' start-up did not finish (the orphan-schedule sweep or what follows failed)");
        }
        assertThat(camel.getRouteController().getRouteStatus("test-early-ops-reader")).isEqualTo(ServiceStatus.Started);
        Scheduler scheduler = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
        for (String feed : FEEDS) {
            String where = start + feed + ": ";
            ServiceStatus route = camel.getRouteController().getRouteStatus(FeedRoutes.routeId(feed));
            if (route != ServiceStatus.Started) {
                problems.add(where + "route " + route);
            }
            Trigger trigger = scheduler == null ? null : scheduler.getTrigger(TriggerKey.triggerKey(feed, FeedRoutes.QUARTZ_GROUP));
            if (trigger == null || trigger.getNextFireTime() == null) {
                problems.add(where + "no Quartz trigger with a next fire time: " + trigger);
            }
            FeedStatus status = app.bean(FeedStatuses.class).of(feed).orElseThrow();
            if (status.condition() == FeedCondition.INVALID || status.nextFireAt() == null) {
                problems.add(where + status.condition() + ", next run " + status.nextFireAt() + ": " + status.reason());
            }
            long invalid = app.runs(feed).stream().filter(run -> run.status() == RunStatus.INVALID).count();
            if (invalid > invalidRuns.getOrDefault(feed, 0L)) {
                problems.add(where + "recorded INVALID: " + status.lastRun().message());
            }
            invalidRuns.put(feed, invalid);
        }
        return problems;
    }

    private Map<String, Object> properties() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("DROPS_DIR", home.resolve("inbox").toString());
        props.putAll(Drops.ftpProps(ftp, USER, PASSWORD));
        props.putAll(Drops.sftpProps(sftp, USER, PASSWORD, home.resolve("known_hosts")));
        props.put("camel.main.routes-include-pattern", "file:routes/**/*.camel.yaml,classpath:startup/early-ops-reader.camel.yaml");
        return props;
    }
}
