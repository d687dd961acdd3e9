package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/** Deliveries are rows of the state database: a stop loses none, and a new start on the same state sends each once. */
class OutboxDurabilityTest {

    static final String FEED = Fixtures.FEED;
    static final String V1 = "20260320T0900";

    @TempDir
    Path home;

    @Test
    void pendingDeliveriesSurviveAStopAndCompleteExactlyOnceAfterTheNextStart() throws Exception {
        String source = Fixtures.h2Source();
        Path mirror = home.resolve("regional");
        Files.writeString(mirror, "the share is not mounted yet");
        Map<String, Object> props = Mirror.fixtureFeedTo(home, source, "regional", mirror);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery failed = Mirror.await(app, FEED, V1, "regional", d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(failed.lastError()).contains("is not a directory");
        }

        // mounted while the service was down; it comes back after the backoff has passed
        Files.delete(mirror);
        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        try (TestApp app = TestApp.start(home, clock, props)) {
            Delivery done = Mirror.await(app, FEED, V1, "regional", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.deliveredAt()).isEqualTo(clock.instant());
            assertThat(Mirror.visible(mirror)).isEqualTo(Mirror.visible(TestApp.portal(home)));
            // once: it stays done, and no second row appeared (the start-up check found the row it needed)
            org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> Mirror.deliveries(app, FEED).equals(java.util.List.of(done)));
        }
    }

    @Test
    void deliveriesQueuedButNeverPolledAreSentByTheNextStart() throws Exception {
        String source = Fixtures.h2Source();
        Path mirror = home.resolve("regional");
        Map<String, Object> props = Mirror.fixtureFeedTo(home, source, "regional", mirror);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        Map<String, Object> neverPolls = new java.util.HashMap<>(props);
        neverPolls.put("opendata.outbox.poll-interval", "1h");
        try (TestApp app = TestApp.start(home, clock, neverPolls)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-03-21T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Mirror.deliveries(app, FEED)).extracting(Delivery::dataVersion, Delivery::status, Delivery::attempts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(V1, DeliveryStatus.SUPERSEDED, 0),
                            org.assertj.core.groups.Tuple.tuple("20260321T0900", DeliveryStatus.PENDING, 0));
        }
        assertThat(mirror).doesNotExist();

        try (TestApp app = TestApp.start(home, clock, props)) {
            Delivery done = Mirror.await(app, FEED, "20260321T0900", "regional", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(Mirror.visible(mirror)).isEqualTo(Mirror.visible(TestApp.portal(home)));
            assertThat(Mirror.find(app, FEED, V1, "regional").orElseThrow().status()).isEqualTo(DeliveryStatus.SUPERSEDED);
        }
    }

    @Test
    void pendingDeliveriesToATargetNoLongerConfiguredAreGivenUpLoudlyAtStart() throws Exception {
        Path gone = home.resolve("old-share");
        Files.writeString(gone, "never mounted");
        Map<String, Object> props = Mirror.fixtureFeedTo(home, Fixtures.h2Source(), "old", gone);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, FEED, V1, "old", d -> d.attempts() == 1 && d.claimedBy() == null);
        }
        props.remove("opendata.targets.old.kind");
        props.remove("opendata.targets.old.path");
        try (TestApp app = TestApp.start(home, clock, props)) {
            Delivery given = Mirror.await(app, FEED, V1, "old", DeliveryStatus.FAILED);
            assertThat(given.lastError()).isEqualTo("target 'old' is not configured (opendata.targets)");
        }
    }

    @Test
    void aVersionPublishedBeforeItsTargetExistedIsDeliveredFromTheNextStart() throws Exception {
        String source = Fixtures.h2Source();
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Map<String, Object> noTargets = new java.util.HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        try (TestApp app = TestApp.start(home, clock, noTargets)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Mirror.deliveries(app, FEED)).isEmpty();
        }

        // the same as a crash between the commit and the request: the version has no delivery row
        Path mirror = home.resolve("regional");
        Map<String, Object> props = Mirror.directoryTarget("regional", mirror);
        props.putAll(noTargets);
        try (TestApp app = TestApp.start(home, clock, props)) {
            Delivery done = Mirror.await(app, FEED, V1, "regional", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(Mirror.visible(mirror)).isEqualTo(Mirror.visible(TestApp.portal(home)));
        }
    }
}
