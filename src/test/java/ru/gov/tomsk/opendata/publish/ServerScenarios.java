package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The scenarios every server target ({@code kind} ftp, sftp) must pass, each through the real application with
 * the fixture feed, a fresh H2 source and the target {@code portal} the test configures in {@code props}; each
 * returns the broken links a reader of the server saw ({@link Mirror.LinkWatcher}) for the test to judge.
 */
final class ServerScenarios {

    /** Stops or starts the test's server. */
    interface ServerAction {
        void run() throws Exception;
    }

    private ServerScenarios() {
    }

    /**
     * A new version, an unchanged one and a changed one: after each the server's tree equals the published tree,
     * and nothing hidden is left on the server.
     */
    static Set<String> threeVersions(Path home, Map<String, Object> targetProps, Path remote) throws Exception {
        String source = Fixtures.h2Source();
        MutableClock clock = firstRunClock();
        Path portal = TestApp.portal(home);

        try (TestApp app = start(home, targetProps, source, remote, clock);
             Mirror.LinkWatcher watcher = new Mirror.LinkWatcher(remote)) {
            String feed = Fixtures.FEED;
            assertThat(app.run(feed).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery v1 = Mirror.await(app, feed, "20260320T0900", "portal", DeliveryStatus.DONE);
            assertThat(v1.lastError()).isNull();
            assertThat(Mirror.visible(remote)).isEqualTo(Mirror.visible(portal)).containsKeys("list.csv", feed + "/meta.csv");

            // unchanged: only `valid` moves in the passport (same length, other bytes)
            clock.set("2026-04-02T02:00:00Z");
            assertThat(app.run(feed).status()).isEqualTo(RunStatus.UNCHANGED);
            Mirror.await(app, feed, "20260320T0900", "portal", d -> d.status() == DeliveryStatus.DONE && d.revision() == 2);
            assertThat(Fixtures.lines(remote.resolve(feed).resolve("meta.csv"))).contains("valid,20260925");
            assertThat(Mirror.visible(remote)).isEqualTo(Mirror.visible(portal));

            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-04-03T02:00:00Z");
            assertThat(app.run(feed).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, feed, "20260403T0900", "portal", DeliveryStatus.DONE);
            assertThat(Mirror.visible(remote)).isEqualTo(Mirror.visible(portal))
                    .containsKeys(feed + "/data-20260403T0900-structure-20260320T0900.csv",
                            feed + "/data-20260320T0900-structure-20260320T0900.csv");
            // nothing hidden is left on the server
            assertThat(Fixtures.snapshot(remote)).isEqualTo(Mirror.visible(remote));
            return watcher.broken();
        }
    }

    /**
     * The server is down for the first attempt, then back: the delivery waits as PENDING with an error the test
     * checks ({@code firstError}), then completes on its second attempt with the server's tree equal to the
     * published tree.
     */
    static Set<String> downUntilBack(Path home, Map<String, Object> targetProps, Path remote, ServerAction stop,
                                     ServerAction restart, Consumer<String> firstError) throws Exception {
        MutableClock clock = firstRunClock();

        try (TestApp app = start(home, targetProps, Fixtures.h2Source(), remote, clock);
             Mirror.LinkWatcher watcher = new Mirror.LinkWatcher(remote)) {
            String feed = Fixtures.FEED;
            stop.run();
            assertThat(app.run(feed).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery failed = Mirror.await(app, feed, "20260320T0900", "portal",
                    d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);
            firstError.accept(failed.lastError());
            assertThat(watcher.broken()).isEmpty();

            restart.run();
            clock.set(failed.nextAttemptAt());
            Delivery done = Mirror.await(app, feed, "20260320T0900", "portal", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.lastError()).isNull();
            assertThat(Fixtures.snapshot(remote)).isEqualTo(Mirror.visible(TestApp.portal(home)));
            return watcher.broken();
        }
    }

    /** The first version delivered, then {@link CrashMidDelivery#secondVersion} with the server's fault. */
    static Set<String> crashMidDelivery(Path home, Map<String, Object> targetProps, Path remote,
                                        AtomicBoolean crashAfterNextUpload, String scheme, String secret,
                                        BooleanSupplier serverIsDown, CrashMidDelivery.Restart restart) throws Exception {
        String source = Fixtures.h2Source();
        MutableClock clock = firstRunClock();

        try (TestApp app = start(home, targetProps, source, remote, clock);
             Mirror.LinkWatcher watcher = new Mirror.LinkWatcher(remote)) {
            assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, Fixtures.FEED, "20260320T0900", "portal", DeliveryStatus.DONE);

            CrashMidDelivery.secondVersion(app, clock, source, TestApp.portal(home), remote, crashAfterNextUpload, scheme,
                    secret, serverIsDown, restart);
            return watcher.broken();
        }
    }

    /** The fixture feed reading from {@code source}, publishing to the test's target; the server's directory exists. */
    private static TestApp start(Path home, Map<String, Object> targetProps, String source, Path remote, MutableClock clock)
            throws Exception {
        Map<String, Object> props = new HashMap<>(targetProps);
        props.putAll(Fixtures.sourceProperties(source, "sa", ""));
        Fixtures.installFixtureFeed(home);
        Files.createDirectories(remote);
        return TestApp.start(home, clock, props);
    }

    /** The night of the first version, 20260320T0900. */
    private static MutableClock firstRunClock() {
        return new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
    }
}
