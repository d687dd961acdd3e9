package ru.gov.tomsk.opendata.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * The demo as the README starts it, on a port of its own ({@code --server.port=0}): its links name that port, its
 * federal check reads its own section there (and succeeds), and its documented accounts log in.
 */
class DemoOnItsOwnPortTest {

    private static final String SCHOOLS = "7017069388-schools";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void linksAndTheFederalCheckFollowThePortServed() throws Exception {
        try (TestApp app = TestApp.startDemoAsShipped(home, new MutableClock(Instant.parse("2026-11-26T10:00:00Z")),
                "--server.port=0")) {
            int port = app.port();
            String section = "http://localhost:" + port + "/opendata/";
            assertThat(port).isNotIn(0, 8080);
            Path portal = TestApp.portal(home);
            Path list = portal.resolve("list.csv");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(list) && Files.readAllLines(list).size() == 5);
            await().atMost(Duration.ofSeconds(60)).until(() -> !app.runs(SCHOOLS).isEmpty()
                    && app.runs(SCHOOLS).get(0).status() == RunStatus.PUBLISHED);

            assertThat(new String(Files.readAllBytes(list), UTF_8)).isEqualTo("""
                    property,title,value,format\r
                    standardversion,Версия методических рекомендаций,http://opendata.gosmonitor.ru/standard/3.0,\r
                    7017000420-budget,Исполнение областного бюджета по кодам бюджетной классификации,%1$s7017000420-budget/meta.csv,csv\r
                    7017069388-schools,Общеобразовательные организации Томской области,%1$s7017069388-schools/meta.csv,csv\r
                    7017107837-medorgs,Медицинские организации Томской области,%1$s7017107837-medorgs/meta.csv,csv\r
                    """.formatted(section));
            List<String> meta = Files.readAllLines(portal.resolve(SCHOOLS).resolve("meta.csv"), UTF_8);
            List<String> links = meta.stream().filter(line -> line.contains("http://localhost")).toList();
            assertThat(links).isNotEmpty().allSatisfy(line -> assertThat(line).contains(section + SCHOOLS + "/"));
            assertThat(Files.readString(portal.resolve(SCHOOLS).resolve("meta.csv"))).doesNotContain(":8080");

            // the demo's accounts, password `demo`: the viewer reads, and the federal harvest check reads this
            // section on this port, so it is done instead of retrying "connection refused"
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> deliveries = get(port, "/api/admin/feeds/" + SCHOOLS + "/deliveries", "viewer");
                assertThat(deliveries.statusCode()).isEqualTo(200);
                JsonNode federal = null;
                for (JsonNode delivery : JSON.readTree(deliveries.body())) {
                    if (delivery.path("target").asText().equals("federal")) {
                        federal = delivery;
                    }
                }
                assertThat(federal).as(deliveries.body()).isNotNull();
                assertThat(federal.path("status").asText()).as(deliveries.body()).isEqualTo("DONE");
            });
            assertThat(get(port, "/api/admin/feeds", "operator").statusCode()).isEqualTo(200);
            // a viewer may not start a run; an operator may
            assertThat(post(port, "/api/admin/feeds/" + SCHOOLS + "/run", "viewer").statusCode()).isEqualTo(403);
            assertThat(get(port, "/api/admin/feeds", "nobody").statusCode()).isEqualTo(401);
        }
    }

    private static HttpResponse<String> get(int port, String path, String user) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestUsers.basic(user, "demo")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String user) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestUsers.basic(user, "demo")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
