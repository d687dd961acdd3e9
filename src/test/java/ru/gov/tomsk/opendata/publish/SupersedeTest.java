package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/** Two versions published while the target is down: only the newest goes out, and it carries both. */
class SupersedeTest {

    static final String FEED = Fixtures.FEED;

    @TempDir
    Path home;

    @Test
    void aNewerVersionSupersedesAnOlderDeliveryStillPendingAndOnlyTheNewestIsDelivered() throws Exception {
        String source = Fixtures.h2Source();
        Path mirror = home.resolve("regional");
        Files.writeString(mirror, "down");
        Map<String, Object> props = Mirror.fixtureFeedTo(home, source, "regional", mirror);
        // longer than between the two runs: the older delivery is not tried again before it is superseded
        props.put("opendata.outbox.backoff-base", "2h");
        props.put("opendata.outbox.backoff-cap", "2h");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery older = Mirror.await(app, FEED, "20260320T0900", "regional", d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(older.status()).isEqualTo(DeliveryStatus.PENDING);

            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-03-20T03:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Mirror.find(app, FEED, "20260320T0900", "regional").orElseThrow().status())
                    .isEqualTo(DeliveryStatus.SUPERSEDED);
            // an operator cannot bring the overtaken one back
            assertThatThrownBy(() -> app.bean(Outbox.class).retry(older.id(), "operator"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is overtaken by version 20260320T1000");

            // the newer one is due at once and fails like the older one did, until the share is back
            Delivery pending = Mirror.await(app, FEED, "20260320T1000", "regional", d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
            Files.delete(mirror);
            clock.set(pending.nextAttemptAt());
            Delivery newest = Mirror.await(app, FEED, "20260320T1000", "regional", DeliveryStatus.DONE);
            assertThat(newest.attempts()).isEqualTo(2);
            assertThat(Mirror.deliveries(app, FEED)).extracting(Delivery::dataVersion, Delivery::status, Delivery::attempts)
                    .containsExactly(tuple("20260320T0900", DeliveryStatus.SUPERSEDED, 1),
                            tuple("20260320T1000", DeliveryStatus.DONE, 2));
            // the newest delivery brought every listed version, the older one's files too
            assertThat(Mirror.visible(mirror)).isEqualTo(Mirror.visible(TestApp.portal(home)))
                    .containsKeys(FEED + "/data-20260320T0900-structure-20260320T0900.csv",
                            FEED + "/data-20260320T1000-structure-20260320T0900.csv");
        }
    }
}
