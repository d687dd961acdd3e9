package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.HeldVersion;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.pipeline.HeldVersions;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The {@code directory} target through the real application: the mirror follows the published tree version
 * after version, byte for byte, and a reader of the mirror never meets a link to a missing file.
 */
class DirectoryTargetEndToEndTest {

    static final String FEED = Fixtures.FEED;

    @TempDir
    Path home;

    @Test
    void theMirrorEqualsThePublishedTreeAfterEveryVersionAndNeverLinksToAMissingFile() throws Exception {
        String source = Fixtures.h2Source();
        Path mirror = home.resolve("regional");
        Map<String, Object> props = Mirror.fixtureFeedTo(home, source, "regional", mirror);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Path portal = TestApp.portal(home);

        try (TestApp app = TestApp.start(home, clock, props);
             Mirror.LinkWatcher watcher = new Mirror.LinkWatcher(mirror)) {
            // the fixture feed has no `publish`: it goes to every configured target
            FeedRun first = app.run(FEED);
            assertThat(first.status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery v1 = Mirror.await(app, FEED, "20260320T0900", "regional", DeliveryStatus.DONE);
            assertThat(v1.attempts()).isEqualTo(1);
            assertThat(v1.lastError()).isNull();
            assertThat(v1.deliveredAt()).isEqualTo(clock.instant());
            assertThat(Mirror.visible(mirror)).isEqualTo(Mirror.visible(portal)).containsKeys("list.csv", FEED + "/meta.csv",
                    FEED + "/data-20260320T0900-structure-20260320T0900.csv", FEED + "/structure-20260320T0900.xsd");
            // the order of writing: data and structure files, then the passport, then the registry
            Path dataset = mirror.resolve(FEED);
            FileTime meta = Files.getLastModifiedTime(dataset.resolve("meta.csv"));
            try (var files = Files.list(dataset)) {
                assertThat(files.filter(f -> f.getFileName().toString().matches("(data|structure)-.*")).toList())
                        .hasSize(6).allSatisfy(f -> assertThat(Files.getLastModifiedTime(f)).isLessThanOrEqualTo(meta));
            }
            assertThat(Files.getLastModifiedTime(mirror.resolve("list.csv"))).isGreaterThanOrEqualTo(meta);

            // unchanged in the next quarter: `valid` moves, and the mirror's passport follows
            clock.set("2026-04-02T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.UNCHANGED);
            Delivery again = Mirror.await(app, FEED, "20260320T0900", "regional",
                    d -> d.status() == DeliveryStatus.DONE && d.revision() == 2);
            assertThat(again.id()).isEqualTo(v1.id());
            assertThat(again.attempts()).isEqualTo(1);
            assertThat(Fixtures.lines(dataset.resolve("meta.csv"))).contains("valid,20260925");
            assertThat(Mirror.visible(mirror)).isEqualTo(Mirror.visible(portal));

            // a changed row: a new version next to the old one
            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-04-03T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, FEED, "20260403T0900", "regional", DeliveryStatus.DONE);
            assertThat(Mirror.visible(mirror)).isEqualTo(Mirror.visible(portal))
                    .containsKeys(FEED + "/data-20260403T0900-structure-20260320T0900.csv",
                            FEED + "/data-20260320T0900-structure-20260320T0900.csv");
            assertThat(Fixtures.lines(dataset.resolve("meta.csv")).get(15)).startsWith("data-20260403T0900-structure-20260320T0900,");

            // most rows gone: a guard holds the version; its hidden files wait beside the published ones
            Fixtures.execute(source, "sa", "", "DELETE FROM fixture.organisation WHERE id > 1");
            clock.set("2026-04-04T02:00:00Z");
            FeedRun held = app.run(FEED);
            assertThat(held.status()).isEqualTo(RunStatus.HELD);
            assertThat(Fixtures.snapshot(portal).keySet()).anyMatch(Mirror::hidden);
            HeldVersion waiting = app.bean(HeldVersions.class).waiting(FEED).get(0);

            // approved: published and delivered like any version; hidden files never reach the mirror
            String approved = app.bean(HeldVersions.class).approve(waiting.id(), "operator").dataVersion();
            Mirror.await(app, FEED, approved, "regional", DeliveryStatus.DONE);
            assertThat(Mirror.visible(mirror)).isEqualTo(Mirror.visible(portal));
            assertThat(Fixtures.snapshot(mirror)).isEqualTo(Mirror.visible(mirror));

            assertThat(watcher.broken()).isEmpty();
            assertThat(Mirror.deliveries(app, FEED)).extracting(Delivery::dataVersion, Delivery::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("20260320T0900", DeliveryStatus.DONE),
                    org.assertj.core.groups.Tuple.tuple("20260403T0900", DeliveryStatus.DONE),
                    org.assertj.core.groups.Tuple.tuple(approved, DeliveryStatus.DONE));
        }
    }

    @Test
    void aMirrorThatWasTamperedWithIsRepairedAndADatasetForNoTargetStaysOutOfItsRegistry() throws Exception {
        String source = Fixtures.h2Source();
        Path mirror = home.resolve("regional");
        Map<String, Object> props = Mirror.fixtureFeedTo(home, source, "regional", mirror);
        // a second dataset that stays in the local section only
        String local = "7017069388-localonly";
        Path feeds = TestApp.feeds(home);
        Files.writeString(feeds.resolve(local + ".yaml"), Files.readString(feeds.resolve(FEED + ".yaml"))
                .replace("identifier: " + FEED, "identifier: " + local) + "publish: []\n");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));

        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(app.run(local).status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Mirror.await(app, FEED, "20260320T0900", "regional", DeliveryStatus.DONE);
            assertThat(Mirror.deliveries(app, local)).isEmpty();
            assertThat(Fixtures.lines(mirror.resolve("list.csv"))).hasSize(3).noneMatch(l -> l.startsWith(local));
            assertThat(Fixtures.lines(TestApp.portal(home).resolve("list.csv"))).hasSize(4);
            assertThat(mirror.resolve(local)).doesNotExist();

            // someone truncates a data file and leaves a temporary file on the portal
            Path data = mirror.resolve(FEED).resolve("data-20260320T0900-structure-20260320T0900.csv");
            Files.writeString(data, "broken");
            Files.writeString(mirror.resolve(FEED).resolve(".data.csv.tmp-left-over"), "half");
            clock.set("2026-03-21T02:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.UNCHANGED);
            Mirror.await(app, FEED, "20260320T0900", "regional", d -> d.status() == DeliveryStatus.DONE && d.revision() == 2);
            Map<String, String> expected = Mirror.visible(TestApp.portal(home));
            expected.keySet().removeIf(name -> name.startsWith(local));
            expected.remove("list.csv");
            expected.remove("list.json");
            expected.remove("list.xml");
            Map<String, String> actual = Fixtures.snapshot(mirror);
            actual.keySet().removeIf(name -> name.startsWith("list."));
            assertThat(actual).isEqualTo(expected);
        }
    }

    static List<String> lines(Path file) {
        return Fixtures.lines(file);
    }
}
