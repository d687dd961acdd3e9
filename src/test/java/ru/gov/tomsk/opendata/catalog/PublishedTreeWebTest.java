package ru.gov.tomsk.opendata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.RawHttp;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/** The public, read-only open-data section over real HTTP. */
class PublishedTreeWebTest {

    @TempDir
    static Path home;
    static TestApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void publish() throws IOException {
        Fixtures.installFixtureFeed(home);
        app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);
        // a secret beside the tree and a write in progress inside it: neither may ever be served
        Files.writeString(TestApp.portal(home).resolveSibling("secret.txt"), "not public");
        Files.writeString(TestApp.portal(home).resolve(Fixtures.FEED).resolve(".meta.csv.tmp-123"), "half");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void servesThePublishedFilesWithoutAuthenticationAsUtf8() throws Exception {
        HttpResponse<byte[]> list = get("/opendata/list.csv");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(list.body()).isEqualTo(Files.readAllBytes(TestApp.portal(home).resolve("list.csv")));

        HttpResponse<byte[]> meta = get("/opendata/" + Fixtures.FEED + "/meta.csv");
        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(new String(meta.body(), StandardCharsets.UTF_8)).contains("title,Тестовый набор «Организации»");
        assertThat(meta.headers().firstValue("Last-Modified")).isPresent();
    }

    @Test
    void isReadOnly() throws Exception {
        HttpResponse<byte[]> put = http.send(HttpRequest.newBuilder(uri("/opendata/list.csv"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(put.statusCode()).isIn(401, 403, 405);
        HttpResponse<byte[]> delete = http.send(HttpRequest.newBuilder(uri("/opendata/list.csv")).DELETE().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(delete.statusCode()).isIn(401, 403, 405);
        assertThat(TestApp.portal(home).resolve("list.csv")).exists();
    }

    @Test
    void doesNotServeTemporaryFilesOfWritesInProgress() throws Exception {
        assertThat(get("/opendata/" + Fixtures.FEED + "/.meta.csv.tmp-123").statusCode()).isEqualTo(404);
    }

    @Test
    void otherSurfacesNeedAuthentication() throws Exception {
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    /** Sent over a raw socket, byte for byte: HTTP clients would normalise these paths before sending. */
    @ParameterizedTest
    @ValueSource(strings = {
            "/opendata/../secret.txt",
            "/opendata/%2e%2e/secret.txt",
            "/opendata/%2E%2E%2Fsecret.txt",
            "/opendata/..%2fsecret.txt",
            "/opendata/..%5csecret.txt",
            "/opendata/%252e%252e/secret.txt",
            "/opendata/" + Fixtures.FEED + "/../../secret.txt",
            "/opendata//etc/passwd",
            "/opendata/file:/etc/passwd",
            "/opendata/%00/list.csv"})
    void pathTraversalNeverLeavesTheTree(String path) throws Exception {
        String response = rawGet(path);
        String status = response.substring(0, response.indexOf("\r\n"));
        assertThat(status).matches("HTTP/1\\.1 (400|404).*");
        assertThat(response).doesNotContain("not public").doesNotContain("root:");
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    private static String rawGet(String path) throws IOException {
        return RawHttp.get(app.port(), path);
    }
}
