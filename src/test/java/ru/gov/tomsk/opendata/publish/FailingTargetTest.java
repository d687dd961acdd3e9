package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * A target that fails is retried with exponential backoff, holds back nobody else, and completes once fixed;
 * one that keeps failing past {@code max-age} is given up until an operator retries it. The test moves the
 * service's clock instead of waiting for backoffs to pass.
 */
class FailingTargetTest {

    static final String FEED = Fixtures.FEED;
    static final String V1 = "20260320T0900";

    @TempDir
    Path home;

    @Test
    void aBrokenTargetIsRetriedWithBackoffWithoutHoldingBackTheOtherAndCompletesOnceFixed() throws Exception {
        Path broken = home.resolve("broken-share");
        Files.writeString(broken, "a file where the mirror's directory should be");
        Path regional = home.resolve("regional");
        Map<String, Object> props = properties(broken, regional);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Fixtures.installFixtureFeed(home);

        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);

            Delivery first = Mirror.await(app, FEED, V1, "broken", d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(first.lastError()).isEqualTo(broken.toAbsolutePath() + " is not a directory (opendata.targets.broken.path)");
            assertThat(first.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(1));
            // the other target is not held back
            Delivery done = Mirror.await(app, FEED, V1, "regional", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(Mirror.visible(regional)).isEqualTo(Mirror.visible(TestApp.portal(home)));

            // backoff doubles: 1 s, 2 s, 4 s, then stays at the cap
            Instant now = clock.instant();
            for (int attempt = 2; attempt <= 5; attempt++) {
                now = Mirror.find(app, FEED, V1, "broken").orElseThrow().nextAttemptAt();
                clock.set(now);
                int expected = attempt;
                Delivery retried = Mirror.await(app, FEED, V1, "broken", d -> d.attempts() == expected && d.claimedBy() == null);
                assertThat(retried.status()).isEqualTo(DeliveryStatus.PENDING);
                assertThat(retried.nextAttemptAt()).isEqualTo(now.plus(Duration.ofSeconds(Math.min(4, 1L << (attempt - 1)))));
                assertThat(retried.lastError()).contains("is not a directory");
            }
            // not due yet: nothing happens before next_attempt_at
            clock.set(Mirror.find(app, FEED, V1, "broken").orElseThrow().nextAttemptAt().minusMillis(1));
            org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> Mirror.find(app, FEED, V1, "broken").orElseThrow().attempts() == 5);

            // the operator fixes the share; the next attempt delivers
            Files.delete(broken);
            clock.set(Mirror.find(app, FEED, V1, "broken").orElseThrow().nextAttemptAt());
            Delivery fixed = Mirror.await(app, FEED, V1, "broken", DeliveryStatus.DONE);
            assertThat(fixed.attempts()).isEqualTo(6);
            assertThat(fixed.lastError()).isNull();
            assertThat(Mirror.visible(broken)).isEqualTo(Mirror.visible(TestApp.portal(home)));
        }
    }

    @Test
    void aDeliveryFailingPastMaxAgeIsGivenUpUntilAnOperatorRetriesIt() throws Exception {
        Path broken = home.resolve("broken-share");
        Files.writeString(broken, "in the way");
        Map<String, Object> props = properties(broken, home.resolve("regional"));
        props.put("opendata.outbox.max-age", "10s");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Fixtures.installFixtureFeed(home);

        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, FEED, V1, "broken", d -> d.attempts() == 1 && d.claimedBy() == null);
            Outbox outbox = app.bean(Outbox.class);
            long regionalId = Mirror.await(app, FEED, V1, "regional", DeliveryStatus.DONE).id();
            assertThatThrownBy(() -> outbox.retry(regionalId, "operator"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is DONE");

            clock.set(clock.instant().plusSeconds(11));
            Delivery given = Mirror.await(app, FEED, V1, "broken", DeliveryStatus.FAILED);
            assertThat(given.attempts()).isEqualTo(2);
            assertThat(given.lastError()).startsWith("still failing after 2 attempt(s) since 2026-03-20T02:00:00Z "
                    + "(opendata.outbox.max-age PT10S): ").endsWith("is not a directory (opendata.targets.broken.path)");
            assertThat(outbox.deliveries(DeliveryStatus.FAILED)).extracting(Delivery::id).containsExactly(given.id());
            // given up means nobody tries again by themselves
            org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> Mirror.find(app, FEED, V1, "broken").orElseThrow().status() == DeliveryStatus.FAILED);

            Files.delete(broken);
            // a new round at once (the poll may already be sending it when retry returns)
            Delivery retried = outbox.retry(given.id(), "operator");
            assertThat(retried.status()).isIn(DeliveryStatus.PENDING, DeliveryStatus.DONE);
            Delivery done = Mirror.await(app, FEED, V1, "broken", DeliveryStatus.DONE);
            assertThat(done.attempts()).as("attempts of the new round").isEqualTo(1);
            assertThat(done.id()).isEqualTo(given.id());
            assertThat(Files.isRegularFile(broken.resolve(FEED).resolve("meta.csv"))).isTrue();
        }
    }

    private static Map<String, Object> properties(Path broken, Path regional) {
        Map<String, Object> props = Mirror.directoryTarget("broken", broken);
        props.putAll(Mirror.directoryTarget("regional", regional));
        props.putAll(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        props.put("opendata.outbox.backoff-base", "1s");
        props.put("opendata.outbox.backoff-cap", "4s");
        return props;
    }
}
