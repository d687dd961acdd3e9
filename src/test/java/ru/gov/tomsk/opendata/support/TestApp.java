package ru.gov.tomsk.opendata.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import ru.gov.tomsk.opendata.OpendataBridgeApplication;
import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.source.FeedRoutes;

/**
 * The real application, started in-process on a working directory of its own: feeds, portal tree and
 * state database live under {@code home}, so a test can stop it and start it again on the same state.
 */
public final class TestApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private TestApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the service. {@code properties} override the defaults set here (e.g. datasources, state DB). */
    public static TestApp start(Path home, MutableClock clock, Map<String, Object> properties) {
        return start(home, clock, properties, true);
    }

    /**
     * As {@link #start(Path, MutableClock, Map)}, with {@code beans} registered as singletons by name before the
     * context refreshes (e.g. a section dataset of the test's own).
     */
    public static TestApp start(Path home, MutableClock clock, Map<String, Object> properties, Map<String, Object> beans) {
        return start(home, clock, properties, true, true, new String[0], beans);
    }

    /** As {@link #start(Path, MutableClock, Map)}, with Spring profiles active (they are chosen before properties apply). */
    public static TestApp start(Path home, MutableClock clock, Map<String, Object> properties, String... profiles) {
        return start(home, clock, properties, true, profiles);
    }

    /**
     * Started on {@code source} with the fixture feed and the test resources' feed {@code feed}, each run once and
     * published: the open-data section of the web tests.
     */
    public static TestApp publishing(Path home, MutableClock clock, String source, String feed) throws IOException {
        return publishing(home, clock, source, feed, Map.of());
    }

    /** As {@link #publishing(Path, MutableClock, String, String)}, with {@code properties} on top. */
    public static TestApp publishing(Path home, MutableClock clock, String source, String feed,
                                     Map<String, Object> properties) throws IOException {
        Fixtures.installFixtureFeed(home);
        Fixtures.installFeed(home, feed + ".yaml", feed + ".yaml");
        Map<String, Object> all = new HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        all.putAll(properties);
        TestApp app = start(home, clock, all);
        for (String published : List.of(Fixtures.FEED, feed)) {
            RunStatus status = app.run(published).status();
            if (status != RunStatus.PUBLISHED) {
                app.close();
                throw new AssertionError(published + " was not published: " + status);
            }
        }
        return app;
    }

    /**
     * Starts the service as {@code ./mvnw spring-boot:run} does, with the operator's {@code config/application.yml}
     * and the demo feeds of {@code config/feeds}; only the state database and the portal tree go under {@code home}.
     */
    public static TestApp startDemo(Path home, MutableClock clock) {
        // the demo's regional portal is a directory mirror, relative to the working directory like the tree itself
        return start(home, clock, Map.of("opendata.feeds-dir", "config/feeds",
                "opendata.targets.regional.path", regionalPortal(home).toString(),
                "OPENDATA_INBOX", home.resolve("inbox").toString()), false);
    }

    /**
     * As {@link #startDemo}, but exactly as an operator starts it: the demo's own accounts and {@code base-url} (unset)
     * and {@code args} on the command line (e.g. {@code --server.port=0}), which the start-up sees before any
     * initializer. Only the state database, the portal tree, the regional mirror and the inbox go under {@code home}.
     */
    public static TestApp startDemoAsShipped(Path home, MutableClock clock, String... args) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("opendata.feeds-dir", "config/feeds");
        properties.put("opendata.targets.regional.path", regionalPortal(home).toString());
        properties.put("OPENDATA_INBOX", home.resolve("inbox").toString());
        return start(home, clock, properties, false, false, args, Map.of());
    }

    /** Where {@link #startDemo} mirrors the demo's {@code regional} target. */
    public static Path regionalPortal(Path home) {
        return home.resolve("regional-portal");
    }

    private static TestApp start(Path home, MutableClock clock, Map<String, Object> properties, boolean hermetic,
                                 String... profiles) {
        return start(home, clock, properties, hermetic, true, new String[0], Map.of(), profiles);
    }

    /** @param testSettings the test's port, base-url and accounts; without them, those of the configuration and {@code args} */
    private static TestApp start(Path home, MutableClock clock, Map<String, Object> properties, boolean hermetic,
                                 boolean testSettings, String[] args, Map<String, Object> beans, String... profiles) {
        Map<String, Object> all = new HashMap<>();
        if (testSettings) {
            all.put("server.port", 0);
            all.put("opendata.base-url", "https://opendata.example.ru/opendata/");
            // one account per role (TestUsers); a test may replace them
            all.putAll(TestUsers.properties());
        }
        // every context gets its own name: Quartz keeps schedulers per name in a JVM-wide repository
        all.put("camel.main.name", "test-" + UUID.randomUUID());
        all.put("spring.datasource.url", "jdbc:h2:file:" + home.resolve("state/opendata").toAbsolutePath());
        all.put("opendata.feeds-dir", home.resolve("feeds").toString());
        all.put("opendata.portal-dir", home.resolve("portal").toString());
        all.put("opendata.work-dir", home.resolve("work").toString());
        all.put("opendata.quarantine-dir", home.resolve("quarantine").toString());
        all.putAll(properties);
        SpringApplication app = new SpringApplicationBuilder(OpendataBridgeApplication.class)
                .profiles(profiles)
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("clock", clock);
                    beans.forEach(ctx.getBeanFactory()::registerSingleton);
                    // first in line, like command-line arguments (builder.properties() would be the lowest)
                    ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", all));
                })
                .build();
        // hermetic: only the built-in defaults, never the operator's ./config/application.yml (the demo);
        // config locations are read before initializers run, so this one goes on the command line
        List<String> arguments = new java.util.ArrayList<>(List.of(args));
        if (hermetic) {
            arguments.add("--spring.config.location=classpath:/application.yml");
        }
        return new TestApp(app.run(arguments.toArray(String[]::new)));
    }

    public static Path portal(Path home) {
        return home.resolve("portal");
    }

    public static Path feeds(Path home) throws IOException {
        return Files.createDirectories(home.resolve("feeds"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public List<FeedRun> runs(String feedId) {
        return bean(RunLog.class).runs(feedId, 100);
    }

    /** Fires the feed through its Quartz job, as a schedule would, and waits for the run to end. */
    public FeedRun run(String feedId) {
        int before = runs(feedId).size();
        bean(FeedRoutes.class).runNow(feedId);
        return awaitRun(feedId, before);
    }

    /** Waits until the feed has more than {@code before} runs and the newest has finished. */
    public FeedRun awaitRun(String feedId, int before) {
        return awaitRun(feedId, before, Duration.ofSeconds(60));
    }

    /** As {@link #awaitRun(String, int)}, for runs that take longer than a minute (benchmarks). */
    public FeedRun awaitRun(String feedId, int before, Duration timeout) {
        await().atMost(timeout).until(() -> {
            List<FeedRun> runs = runs(feedId);
            return runs.size() > before && runs.get(0).status() != RunStatus.RUNNING;
        });
        return runs(feedId).get(0);
    }

    @Override
    public void close() {
        context.close();
    }
}
