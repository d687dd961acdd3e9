package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The service starts while a source system is down, and the other feeds run as usual: the FTP server of
 * one feed answers nothing, the SQL source of another is fine.
 */
class SourceDownAtStartTest {

    @TempDir
    Path home;

    @Test
    void theServiceStartsAndTheOtherFeedsPublishWhileAnFtpSourceIsDown() throws Exception {
        Drops.installFeed(home, """
                  kind: ftp
                  host: 127.0.0.1
                  port: ${FTP_PORT}
                  username: opendata
                  password: ${FTP_PASSWORD}
                  directory: inbox
                  format: csv
                """);
        Fixtures.installFixtureFeed(home);
        Map<String, Object> props = new HashMap<>(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        props.put("FTP_PORT", String.valueOf(closedPort()));
        props.put("FTP_PASSWORD", "secret");

        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), props)) {
            assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);

            FeedRun down = Drops.run(app, Drops.FEED);
            assertThat(down.status()).isEqualTo(RunStatus.FAILED);
            assertThat(down.message()).contains("127.0.0.1").doesNotContain("secret");

            // the public side and the probes do not follow one source system's state
            org.awaitility.Awaitility.await().untilAsserted(() ->
                    assertThat(ru.gov.tomsk.opendata.support.RawHttp.get(app.port(), "/actuator/health/readiness"))
                            .startsWith("HTTP/1.1 200").contains("\"UP\""));
            assertThat(ru.gov.tomsk.opendata.support.RawHttp.get(app.port(), "/actuator/health/liveness"))
                    .startsWith("HTTP/1.1 200").contains("\"UP\"");
            assertThat(ru.gov.tomsk.opendata.support.RawHttp.get(app.port(), "/opendata/list.csv")).startsWith("HTTP/1.1 200");

            // even a feed route that is not running at all (Camel's route check DOWN) leaves the probes alone:
            // Camel's own probe indicators would take readiness down with it
            app.bean(org.apache.camel.CamelContext.class).getRouteController().stopRoute(FeedRoutes.routeId(Drops.FEED));
            org.awaitility.Awaitility.await().untilAsserted(() ->
                    assertThat(ru.gov.tomsk.opendata.support.RawHttp.get(app.port(), "/actuator/health/readiness"))
                            .startsWith("HTTP/1.1 200").contains("\"UP\""));
            assertThat(ru.gov.tomsk.opendata.support.RawHttp.get(app.port(), "/actuator/health/liveness"))
                    .startsWith("HTTP/1.1 200").contains("\"UP\"");
        }
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
