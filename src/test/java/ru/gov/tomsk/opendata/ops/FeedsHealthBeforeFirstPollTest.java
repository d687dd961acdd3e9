package ru.gov.tomsk.opendata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.ops.Monitoring.get;
import static ru.gov.tomsk.opendata.ops.Monitoring.viewer;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * A file-drop feed whose consumer has not polled yet (its schedule fires at 03:00): Camel's consumer check has no
 * result to give, and the {@code feeds} health group must not say DOWN (503) for it, as it did in the demo's first
 * minute.
 */
class FeedsHealthBeforeFirstPollTest {

    private static final String DROPS = "7017069388-drops";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void aConsumerThatHasNotPolledYetLeavesTheFeedsGroupUp() throws Exception {
        Fixtures.installFeed(home, DROPS + ".yaml", DROPS + ".yaml");
        Path drops = Files.createDirectories(home.resolve("drops"));
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-04-10T05:00:00Z")),
                Map.of("DROPS_DIR", drops.toString()))) {
            HttpResponse<String> health = get(app, "/actuator/health/feeds", viewer());

            JsonNode group = JSON.readTree(health.body());
            JsonNode checks = group.path("components").path("camelHealth").path("details");
            assertThat(checks.path("consumer:source-" + DROPS).asText()).as(health.body()).isEqualTo("UNKNOWN");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(group.path("status").asText()).isEqualTo("UP");
            assertThat(group.path("components").path("feeds").path("details").path("conditions").path("NEVER_RUN").asInt())
                    .isEqualTo(1);
        }
    }
}
