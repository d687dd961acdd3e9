package ru.gov.tomsk.opendata.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The {@code harvest} target: done when the public URL serves exactly the committed registry and passport.
 * Against the service's own {@code /opendata/} (the demo's shape), and against a WireMock portal that
 * serves nothing, then a stale passport, then the current one.
 */
class HarvestTargetEndToEndTest {

    static final String FEED = Fixtures.FEED;

    @TempDir
    Path home;

    WireMockServer portal;

    @BeforeEach
    void startPortal() {
        portal = new WireMockServer(options().dynamicPort());
        portal.start();
    }

    @AfterEach
    void stopPortal() {
        portal.stop();
    }

    @Test
    void theServicesOwnPublicSectionPassesTheCheck() throws Exception {
        int port = freePort();
        Map<String, Object> props = Mirror.directoryTarget("regional", home.resolve("regional"));
        props.putAll(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        props.put("server.port", port);
        props.put("opendata.targets.federal.kind", "harvest");
        props.put("opendata.targets.federal.public-base-url", "http://localhost:" + port + "/opendata/");
        Fixtures.installFixtureFeed(home);
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
            assertThat(app.port()).isEqualTo(port);
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            Delivery federal = Mirror.await(app, FEED, "20260320T0900", "federal", DeliveryStatus.DONE);
            assertThat(federal.attempts()).isEqualTo(1);
            assertThat(federal.lastError()).isNull();
            assertThat(Mirror.await(app, FEED, "20260320T0900", "regional", DeliveryStatus.DONE).attempts()).isEqualTo(1);
        }
    }

    @Test
    void aMissingOrStalePassportAtThePublicUrlIsRetriedWithTheMismatchUntilTheCurrentOneIsServed() throws Exception {
        String source = Fixtures.h2Source();
        String base = "http://localhost:" + portal.port() + "/opendata/";
        Map<String, Object> props = new java.util.HashMap<>(Fixtures.sourceProperties(source, "sa", ""));
        props.put("opendata.targets.federal.kind", "harvest");
        props.put("opendata.targets.federal.public-base-url", base);
        props.put("opendata.outbox.poll-interval", "100ms");
        props.put("opendata.outbox.backoff-base", "1s");
        Fixtures.installFixtureFeed(home);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        Path list = TestApp.portal(home).resolve("list.csv");
        Path meta = TestApp.portal(home).resolve(FEED).resolve("meta.csv");

        try (TestApp app = TestApp.start(home, clock, props)) {
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            // nothing served yet: the regional portal has not got it, say
            Delivery missing = Mirror.await(app, FEED, "20260320T0900", "federal", d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(missing.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(missing.lastError()).isEqualTo(
                    "HTTP 404 for " + FEED + "/meta.csv at " + base + FEED + "/meta.csv; HTTP 404 for list.csv at " + base + "list.csv");

            // the portal now serves this version's registry and passport…
            byte[] firstMeta = Files.readAllBytes(meta);
            serve("/opendata/list.csv", Files.readAllBytes(list));
            serve("/opendata/" + FEED + "/meta.csv", firstMeta);

            // …but a new version is published meanwhile: what it serves is stale
            Fixtures.execute(source, "sa", "", "UPDATE fixture.organisation SET amount = 99.90 WHERE id = 1");
            clock.set("2026-03-20T03:00:00Z");
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            byte[] committed = Files.readAllBytes(meta);
            Delivery stale = Mirror.await(app, FEED, "20260320T1000", "federal", d -> d.attempts() == 1 && d.claimedBy() == null);
            assertThat(stale.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(stale.lastError()).isEqualTo(FEED + "/meta.csv at " + base + FEED + "/meta.csv differs from the committed "
                    + "passport (served " + firstMeta.length + " bytes, committed " + committed.length
                    + ", first difference at byte " + cmp(firstMeta, committed) + ")");
            assertThat(stale.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(1));

            // one byte off, the length the same: the byte is named as cmp names it, counting from 1
            byte[] oneOff = committed.clone();
            int index = committed.length - 3;
            oneOff[index] ^= 0x01;
            serve("/opendata/" + FEED + "/meta.csv", oneOff);
            clock.set(stale.nextAttemptAt());
            Delivery off = Mirror.await(app, FEED, "20260320T1000", "federal", d -> d.attempts() == 2 && d.claimedBy() == null);
            assertThat(off.lastError()).isEqualTo(FEED + "/meta.csv at " + base + FEED + "/meta.csv differs from the committed "
                    + "passport (served " + committed.length + " bytes, committed " + committed.length
                    + ", first difference at byte " + (index + 1) + ")");

            // the portal catches up
            serve("/opendata/" + FEED + "/meta.csv", committed);
            clock.set(off.nextAttemptAt());
            Delivery done = Mirror.await(app, FEED, "20260320T1000", "federal", DeliveryStatus.DONE);
            assertThat(done.attempts()).isEqualTo(3);
            assertThat(done.lastError()).isNull();
        }
    }

    /** The first byte at which two files differ, as {@code cmp} counts: from 1. */
    private static int cmp(byte[] a, byte[] b) {
        int i = 0;
        while (i < a.length && i < b.length && a[i] == b[i]) {
            i++;
        }
        return i + 1;
    }

    private void serve(String path, byte[] body) {
        portal.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/csv;charset=UTF-8").withBody(body)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
