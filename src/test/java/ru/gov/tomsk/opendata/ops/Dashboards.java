package ru.gov.tomsk.opendata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Grafana dashboards of {@code docker/grafana/dashboards}, checked against what the service really exposes. */
final class Dashboards {

    static final Path DIRECTORY = Path.of("docker/grafana/dashboards");

    private Dashboards() {
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every PromQL expression of every panel (rows' nested panels included). */
    static List<String> expressions(Path dashboard) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        List<String> expressions = new ArrayList<>();
        collect(root.path("panels"), expressions);
        return expressions;
    }

    private static void collect(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(t -> {
                if (t.hasNonNull("expr")) {
                    expressions.add(t.get("expr").asText());
                }
            });
            collect(panel.path("panels"), expressions);
        }
    }

    /** Each metric a dashboard queries is in the exposition, so no panel stays empty because of a typo. */
    static void assertQueriesUseExistingMetrics(String exposition) throws IOException {
        List<String> exposed = Monitoring.names(exposition);
        assertThat(files()).isNotEmpty();
        for (Path dashboard : files()) {
            List<String> expressions = expressions(dashboard);
            assertThat(expressions).as(dashboard + " has queries").hasSizeGreaterThanOrEqualTo(8);
            for (String expression : expressions) {
                List<String> metrics = Monitoring.metricNames(expression);
                assertThat(metrics).as("metrics in " + expression).isNotEmpty();
                for (String metric : metrics) {
                    assertThat(exposed).as(dashboard.getFileName() + ": " + expression).contains(metric);
                }
            }
        }
    }
}
