package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;
import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatus;
import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * Feed files added, edited, broken and removed while the real application runs: each change reaches only its own
 * feed's route and Quartz job, a broken edit leaves the previous definition publishing, and a removed feed's
 * schedule is gone, also from a clustered Quartz JDBC store (where Camel itself leaves it).
 */
class FeedReloadEndToEndTest {

    /** The feed that is never touched: its route must run undisturbed through all the others' changes. */
    static final String OTHER = Fixtures.FEED;
    static final String LIVE = "7017069388-live";
    static final String FIRST_TITLE = "Организации (первая редакция)";
    static final String SECOND_TITLE = "Организации (вторая редакция)";
    static final Duration RELOADED = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    void addedEditedBrokenAndRemovedFilesTakeEffectWithoutRestartTouchingOnlyTheirOwnFeed() throws Exception {
        String source = Fixtures.h2Source();
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        props.put("opendata.feeds-reload.interval", "100ms");
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Path file = TestApp.feeds(home).resolve(LIVE + ".yaml");
        Path meta = TestApp.portal(home).resolve(LIVE).resolve("meta.csv");

        try (TestApp app = TestApp.start(home, clock, props)) {
            CamelContext camel = app.bean(CamelContext.class);
            FeedRegistry registry = app.bean(FeedRegistry.class);
            FeedStatuses statuses = app.bean(FeedStatuses.class);
            Scheduler scheduler = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
            Route other = camel.getRoute(FeedRoutes.routeId(OTHER));
            long otherUptime = other.getUptimeMillis();
            long watchedSince = System.nanoTime();

            // added: the feed gets its route and schedule, and publishes when run
            Files.writeString(file, feed(LIVE, FIRST_TITLE, "0 0 3 * * ?"));
            await().atMost(RELOADED).until(() -> camel.getRoute(FeedRoutes.routeId(LIVE)) != null
                    && scheduler.checkExists(JobKey.jobKey(LIVE, FeedRoutes.QUARTZ_GROUP)));
            Route firstRoute = camel.getRoute(FeedRoutes.routeId(LIVE));
            assertThat(cron(scheduler, LIVE)).isEqualTo("0 0 3 * * ?");
            FeedRun first = app.run(LIVE);
            assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Fixtures.lines(meta)).contains("title," + FIRST_TITLE);

            // broken: a colon in an unquoted title, on line 2. The previous definition keeps running and publishing,
            // and the error with its file and line is in the registry, the status and the run history
            Files.writeString(file, feed(LIVE, "Организации: черновик", "0 0 3 * * ?"));
            await().atMost(RELOADED).until(() -> registry.broken().containsKey(LIVE));
            InvalidFeedException problem = registry.broken().get(LIVE);
            assertThat(problem.getMessage()).contains(LIVE + ".yaml:2:").contains("mapping values are not allowed here");
            assertThat(registry.feed(LIVE)).get().extracting(f -> f.passport().title()).isEqualTo(FIRST_TITLE);
            assertThat(camel.getRoute(FeedRoutes.routeId(LIVE))).isSameAs(firstRoute);
            assertThat(cron(scheduler, LIVE)).isEqualTo("0 0 3 * * ?");
            FeedRun rejected = app.runs(LIVE).get(0);
            assertThat(rejected.status()).isEqualTo(RunStatus.INVALID);
            assertThat(rejected.message()).contains("previous definition keeps running").contains(LIVE + ".yaml:2:");
            FeedStatus status = statuses.of(LIVE).orElseThrow();
            assertThat(status.condition()).isEqualTo(FeedCondition.INVALID);
            assertThat(status.reason()).contains("previous definition keeps running").contains(LIVE + ".yaml:2:");

            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 11.00 WHERE id = 1");
            clock.set("2026-03-21T02:00:00Z");
            FeedRun onPrevious = app.run(LIVE);
            assertThat(onPrevious.status()).as(onPrevious.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(onPrevious.dataVersion()).isEqualTo("20260321T0900");
            assertThat(Fixtures.lines(meta)).contains("title," + FIRST_TITLE);
            assertThat(registry.broken()).containsKey(LIVE);

            // fixed, with another title and schedule: the new definition replaces the route and is what publishes
            Files.writeString(file, feed(LIVE, SECOND_TITLE, "0 30 4 * * ?"));
            await().atMost(RELOADED).until(() -> !registry.broken().containsKey(LIVE)
                    && camel.getRoute(FeedRoutes.routeId(LIVE)) != null && camel.getRoute(FeedRoutes.routeId(LIVE)) != firstRoute
                    && scheduler.checkExists(JobKey.jobKey(LIVE, FeedRoutes.QUARTZ_GROUP)));
            assertThat(registry.feed(LIVE)).get().extracting(f -> f.passport().title()).isEqualTo(SECOND_TITLE);
            Route secondRoute = camel.getRoute(FeedRoutes.routeId(LIVE));
            assertThat(secondRoute).isNotNull().isNotSameAs(firstRoute);
            assertThat(cron(scheduler, LIVE)).isEqualTo("0 30 4 * * ?");
            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 12.00 WHERE id = 1");
            clock.set("2026-03-22T02:00:00Z");
            FeedRun onSecond = app.run(LIVE);
            assertThat(onSecond.status()).as(onSecond.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Fixtures.lines(meta)).contains("title," + SECOND_TITLE).doesNotContain("title," + FIRST_TITLE);
            assertThat(statuses.of(LIVE).orElseThrow().condition()).isNotEqualTo(FeedCondition.INVALID);

            // removed: route, Quartz job and trigger are gone; the feed leaves the registry and the status list
            Files.delete(file);
            // the registry lets a feed go last, once its route and schedule are gone
            await().atMost(RELOADED).until(() -> registry.feed(LIVE).isEmpty());
            assertThat(camel.getRoute(FeedRoutes.routeId(LIVE))).isNull();
            assertThat(scheduler.checkExists(JobKey.jobKey(LIVE, FeedRoutes.QUARTZ_GROUP))).isFalse();
            assertThat(scheduler.checkExists(TriggerKey.triggerKey(LIVE, FeedRoutes.QUARTZ_GROUP))).isFalse();
            assertThat(registry.broken()).doesNotContainKey(LIVE);
            assertThat(statuses.of(LIVE)).isEmpty();
            // what it published stays published
            assertThat(Fixtures.lines(meta)).contains("title," + SECOND_TITLE);

            // the other feed's route was never stopped or replaced: the same route, running all along
            long watchedMillis = Duration.ofNanos(System.nanoTime() - watchedSince).toMillis();
            assertThat(camel.getRoute(FeedRoutes.routeId(OTHER))).isSameAs(other);
            assertThat(camel.getRouteController().getRouteStatus(FeedRoutes.routeId(OTHER))).isEqualTo(ServiceStatus.Started);
            assertThat(other.getUptimeMillis()).isGreaterThanOrEqualTo(otherUptime + watchedMillis);
            assertThat(cron(scheduler, OTHER)).isEqualTo("0 0 3 * * ?");
            FeedRun otherRun = app.run(OTHER);
            assertThat(otherRun.status()).as(otherRun.message()).isEqualTo(RunStatus.PUBLISHED);
        }
    }

    @Test
    void aRemovedFeedsScheduleIsGoneFromAClusteredQuartzStoreAlsoWhenRemovedWhileTheServiceWasDown() throws Exception {
        String quartzDb = "jdbc:h2:file:" + home.resolve("quartz/quartz").toAbsolutePath();
        createQuartzTables(quartzDb);
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        props.put("opendata.feeds-reload.interval", "100ms");
        props.put("camel.component.quartz.properties-file", "file:" + clusteredQuartz(quartzDb).toAbsolutePath());
        // one scheduler name across restarts, as every node of a cluster has
        props.put("camel.component.quartz.prefix-instance-name", "false");
        Fixtures.installFixtureFeed(home);
        Path file = TestApp.feeds(home).resolve(LIVE + ".yaml");
        Files.writeString(file, feed(LIVE, FIRST_TITLE, "0 0 3 * * ?"));
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, props)) {
            Scheduler scheduler = app.bean(CamelContext.class).getComponent("quartz", QuartzComponent.class).getScheduler();
            assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
            assertThat(storedTriggers(quartzDb)).containsExactlyInAnyOrder(OTHER, LIVE);

            Files.delete(file);
            await().atMost(RELOADED).until(() -> app.bean(FeedRegistry.class).feed(LIVE).isEmpty());
            assertThat(app.bean(CamelContext.class).getRoute(FeedRoutes.routeId(LIVE))).isNull();
            assertThat(scheduler.checkExists(JobKey.jobKey(LIVE, FeedRoutes.QUARTZ_GROUP))).isFalse();
            assertThat(storedTriggers(quartzDb)).containsExactly(OTHER);
            assertThat(storedJobs(quartzDb)).containsExactly(OTHER);
            FeedRun run = app.run(OTHER);
            assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
        }
        // a clustered store keeps the schedule of a node that stops (the others still run the feed)...
        assertThat(storedTriggers(quartzDb)).containsExactly(OTHER);

        // ...so a feed removed while the service was down would keep firing: start-up deletes its schedule
        Files.delete(TestApp.feeds(home).resolve(OTHER + ".yaml"));
        Files.writeString(file, feed(LIVE, FIRST_TITLE, "0 0 3 * * ?"));
        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(storedTriggers(quartzDb)).containsExactly(LIVE);
            assertThat(storedJobs(quartzDb)).containsExactly(LIVE);
            assertThat(app.bean(CamelContext.class).getRoute(FeedRoutes.routeId(OTHER))).isNull();
        }
    }

    @Test
    void anEditDuringARunIsPutIntoEffectOnlyAfterThatRunHasEndedOnItsOwnDefinition() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.execute(source, "sa", "", SourceGate.createAlias());
        SourceGate.close();
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        props.put("opendata.feeds-reload.interval", "100ms");
        Path file = TestApp.feeds(home).resolve(LIVE + ".yaml");
        Files.writeString(file, gated(feed(LIVE, FIRST_TITLE, "0 0 3 * * ?")));
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, props)) {
            CamelContext camel = app.bean(CamelContext.class);
            FeedRegistry registry = app.bean(FeedRegistry.class);
            Route route = camel.getRoute(FeedRoutes.routeId(LIVE));
            app.bean(FeedRoutes.class).runNow(LIVE);
            await().atMost(RELOADED).until(() -> !app.runs(LIVE).isEmpty() && app.runs(LIVE).get(0).status() == RunStatus.RUNNING);

            // edited while the run reads its source: the run keeps its route and its definition to the end
            Files.writeString(file, gated(feed(LIVE, SECOND_TITLE, "0 0 3 * * ?")));
            await().during(Duration.ofSeconds(1)).atMost(RELOADED).until(() -> camel.getRoute(FeedRoutes.routeId(LIVE)) == route
                    && FIRST_TITLE.equals(registry.feed(LIVE).orElseThrow().passport().title()));
            SourceGate.open();
            FeedRun run = app.awaitRun(LIVE, 0);
            assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Fixtures.lines(TestApp.portal(home).resolve(LIVE).resolve("meta.csv"))).contains("title," + FIRST_TITLE);

            // then the edit takes effect
            await().atMost(RELOADED).until(() -> camel.getRoute(FeedRoutes.routeId(LIVE)) != null
                    && camel.getRoute(FeedRoutes.routeId(LIVE)) != route);
            assertThat(registry.feed(LIVE).orElseThrow().passport().title()).isEqualTo(SECOND_TITLE);
        }
    }

    private static String gated(String yaml) {
        return yaml.replace("FROM fixture.v_organisations ORDER BY id", "FROM fixture.v_organisations WHERE SOURCE_GATE() ORDER BY id");
    }

    /** The fixture feed under another identifier, title and schedule; the title is on line 2. */
    static String feed(String identifier, String title, String cron) throws IOException {
        String fixture = new ClassPathResource("e2e/" + Fixtures.FEED + ".yaml").getContentAsString(StandardCharsets.UTF_8);
        String yaml = fixture.replace("identifier: " + Fixtures.FEED, "identifier: " + identifier)
                .replaceFirst("(?m)^title: .*$", "title: " + title)
                .replace("schedule: \"0 0 3 * * ?\"", "schedule: \"" + cron + "\"");
        assertThat(yaml.lines().skip(1).findFirst()).contains("title: " + title);
        return yaml;
    }

    private static String cron(Scheduler scheduler, String feedId) throws Exception {
        return ((CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey(feedId, FeedRoutes.QUARTZ_GROUP))).getCronExpression();
    }

    /** Quartz's own H2 schema (its IMAGE columns are BLOB in H2 2). */
    private static void createQuartzTables(String url) throws Exception {
        String ddl = new ClassPathResource("org/quartz/impl/jdbcjobstore/tables_h2.sql").getContentAsString(StandardCharsets.UTF_8)
                .replace(" IMAGE ", " BLOB ");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new org.springframework.core.io.ByteArrayResource(ddl.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Quartz clustered on its JDBC store, as several nodes on one database run it. */
    private Path clusteredQuartz(String url) throws IOException {
        String name = "opendata-reload-" + UUID.randomUUID();
        return Files.writeString(home.resolve("quartz.properties"), String.join("\n",
                "org.quartz.scheduler.instanceName=" + name,
                "org.quartz.scheduler.instanceId=AUTO",
                "org.quartz.threadPool.threadCount=2",
                "org.quartz.jobStore.class=org.quartz.impl.jdbcjobstore.JobStoreTX",
                "org.quartz.jobStore.driverDelegateClass=org.quartz.impl.jdbcjobstore.StdJDBCDelegate",
                "org.quartz.jobStore.tablePrefix=QRTZ_",
                "org.quartz.jobStore.isClustered=true",
                "org.quartz.jobStore.dataSource=state",
                "org.quartz.dataSource.state.provider=hikaricp",
                "org.quartz.dataSource.state.driver=org.h2.Driver",
                "org.quartz.dataSource.state.URL=" + url,
                "org.quartz.dataSource.state.user=sa",
                "org.quartz.dataSource.state.password=",
                "org.quartz.dataSource.state.maxConnections=4",
                ""));
    }

    private static List<String> storedTriggers(String url) throws SQLException {
        return names(url, "SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = ?");
    }

    private static List<String> storedJobs(String url) throws SQLException {
        return names(url, "SELECT JOB_NAME FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = ?");
    }

    private static List<String> names(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, FeedRoutes.QUARTZ_GROUP);
            List<String> names = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }
}
