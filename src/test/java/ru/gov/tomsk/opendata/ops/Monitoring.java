package ru.gov.tomsk.opendata.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;

import ru.gov.tomsk.opendata.support.TestApp;

/** Test helpers of the monitoring tests: feed files derived from the fixture feed, HTTP calls, Prometheus text. */
final class Monitoring {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Monitoring() {
    }

    /** The fixture feed under another identifier, frequency and query (a missing view makes it fail). */
    static void installFeed(Path home, String identifier, String frequency, String query) throws IOException {
        String yaml = new ClassPathResource("e2e/7017069388-fixture.yaml").getContentAsString(StandardCharsets.UTF_8)
                .replace("identifier: 7017069388-fixture", "identifier: " + identifier)
                .replace("frequency: quarterly", "frequency: " + frequency)
                .replaceFirst("query: .*", "query: " + query);
        Files.writeString(TestApp.feeds(home).resolve(identifier + ".yaml"), yaml);
    }

    /** The viewer of the shared security contract (TestUsers.basic("viewer")). */
    static String viewer() {
        return ru.gov.tomsk.opendata.support.TestUsers.basic(ru.gov.tomsk.opendata.support.TestUsers.VIEWER);
    }

    static HttpResponse<String> get(TestApp app, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one series of a Prometheus text exposition, e.g. {@code opendata_feed_overdue{feed="x"}}; null if absent. */
    static Double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return null;
    }

    /** Metric names of an exposition (the part before '{' or ' ' of each sample line). */
    static List<String> names(String exposition) {
        return exposition.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).distinct().toList();
    }


    /** Candidate metric names in a PromQL expression: identifiers that start with a known prefix. */
    static List<String> metricNames(String promql) {
        Matcher m = Pattern.compile("\\b((?:opendata|camel|jvm|process|http|hikaricp)_[a-z0-9_]+)").matcher(promql);
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
