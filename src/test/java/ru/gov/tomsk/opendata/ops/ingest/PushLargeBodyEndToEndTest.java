package ru.gov.tomsk.opendata.ops.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.support.GeneratedLines;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * A 200 MB push streams: the body, generated as it is sent and never held whole by the test, is spooled, run and
 * published in a JVM of 256 MB heap. Runs in a surefire execution of its own ({@code push-large} in the pom) whose
 * {@code -Xmx256m} the test checks, so that a lost argLine fails it rather than proving nothing.
 */
class PushLargeBodyEndToEndTest {

    static final String FEED = "7017069388-push_big";
    static final long BODY_BYTES = 200L * 1024 * 1024;

    @TempDir
    Path home;

    @Test
    void a200MegabyteBodyIsPublishedWithinA256MegabyteHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("the heap of the push-large execution (-Xmx256m)")
                .isLessThanOrEqualTo(256L * 1024 * 1024);
        PushFeeds.install(home, FEED, "  format: csv\n", "0 0 3 * * ?", "");
        Path file = TestApp.feeds(home).resolve(FEED + ".yaml");
        Files.writeString(file, Files.readString(file).replace("formats: [csv, json]", "formats: [csv]"));

        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T09:00:00Z")),
                Map.of("opendata.push.max-size", "300MB"))) {
            String token = app.bean(PushTokens.class).issue(FEED, "test").secret();
            GeneratedLines body = GeneratedLines.atLeast(BODY_BYTES, "id,name,amount,opened\r\n", StandardCharsets.UTF_8,
                    row -> row + ",Организация № " + row + " Томской области," + row + ".5,0" + (1 + row % 9) + ".03.2020\r\n");

            // sent chunked, of unknown length: answered 202 once spooled
            HttpResponse<String> accepted = PushFeeds.pushStream(app, FEED, token, () -> body, "big-1");

            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(body.sent()).isGreaterThanOrEqualTo(BODY_BYTES);
            String location = accepted.headers().firstValue("Location").orElseThrow();
            HttpResponse<String>[] done = new HttpResponse[1];
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                done[0] = PushFeeds.get(app, location, "Bearer " + token);
                return done[0].statusCode() != 202;
            });
            assertThat(done[0].statusCode()).as(done[0].body()).isEqualTo(200);
            JsonNode outcome = new ObjectMapper().readTree(done[0].body());
            assertThat(outcome.path("outcome").asText()).isEqualTo("published");
            assertThat(outcome.path("counts").toString()).isEqualTo("{\"read\":" + body.lines() + ",\"valid\":"
                    + body.lines() + ",\"rejected\":0}");
            try (Stream<String> lines = Files.lines(PushFeeds.dataCsv(home, FEED), StandardCharsets.UTF_8)) {
                assertThat(lines.count()).isEqualTo(body.lines() + 1);
            }
        }
    }
}
