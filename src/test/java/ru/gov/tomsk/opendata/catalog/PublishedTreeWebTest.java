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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.RawHttp;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * The public, read-only open-data tree over real HTTP: only what the catalogue committed is served, each format with
 * its own content type, readable by scripts of any other site; nothing else of the service is.
 */
class PublishedTreeWebTest {

    static final String FIXTURE = Fixtures.FEED;
    static final String PLACES = "7017069388-places";
    static final String DATA = "data-20260320T0900-structure-20260320T0900";
    static final String STRUCTURE = "structure-20260320T0900";
    static final String HACKATHON = "https://hackathon.example";

    @TempDir
    static Path home;
    static TestApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void publish() throws IOException {
        String source = Fixtures.h2Source();
        Fixtures.runScript(source, "e2e/places.sql");
        app = TestApp.publishing(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), source, PLACES);
        Path tree = TestApp.portal(home);
        Path fixture = tree.resolve(FIXTURE);
        // a secret beside the tree and a write in progress inside it: neither may ever be served
        Files.writeString(tree.resolveSibling("secret.txt"), "not public");
        Files.writeString(fixture.resolve(".meta.csv.tmp-123"), "half");
        // files the catalogue never wrote, dropped by hand, by an editor or by an attacker with write access
        stray(fixture.resolve("meta.csv~"));
        stray(fixture.resolve("notes.txt"));
        stray(fixture.resolve("evil.html"));
        stray(fixture.resolve(".hidden"));
        stray(fixture.resolve("META.csv"));
        stray(tree.resolve("evil.html"));
        stray(tree.resolve("list.html"));
        // named like the catalogue's files, but no version of the database has them
        stray(fixture.resolve("data-20990101T0000-structure-20260320T0900.csv"));
        stray(fixture.resolve("data-20260320T0900-structure-20990101T0000.csv"));
        stray(fixture.resolve(DATA + ".geojson"));
        stray(fixture.resolve("structure-20990101T0000.xsd"));
        stray(tree.resolve("7017069388-ghost").resolve("meta.csv"));
        stray(fixture.resolve("sub").resolve("list.csv"));
    }

    /** A file whose content names itself, so that no answer can pass it off as something else. */
    private static void stray(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<html><script>alert('stray " + file.getFileName() + "')</script></html>");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest
    @CsvSource({
            "list.csv, text/csv;charset=UTF-8",
            "list.json, application/json",
            "list.xml, application/xml;charset=UTF-8",
            FIXTURE + "/meta.csv, text/csv;charset=UTF-8",
            FIXTURE + "/meta.json, application/json",
            FIXTURE + "/meta.xml, application/xml;charset=UTF-8",
            FIXTURE + "/" + DATA + ".csv, text/csv;charset=UTF-8",
            FIXTURE + "/" + DATA + ".json, application/json",
            FIXTURE + "/" + DATA + ".xml, application/xml;charset=UTF-8",
            FIXTURE + "/" + STRUCTURE + ".csv, text/csv;charset=UTF-8",
            FIXTURE + "/" + STRUCTURE + ".xsd, application/xml;charset=UTF-8",
            FIXTURE + "/" + STRUCTURE + ".json, application/json",
            PLACES + "/" + DATA + ".geojson, application/geo+json"})
    void servesEveryCommittedFileWithTheContentTypeOfItsFormat(String file, String contentType) throws Exception {
        HttpResponse<byte[]> response = get("/opendata/" + file);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.body()).isEqualTo(Files.readAllBytes(TestApp.portal(home).resolve(file)));
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            FIXTURE + "/meta.csv~",
            FIXTURE + "/notes.txt",
            FIXTURE + "/evil.html",
            FIXTURE + "/.hidden",
            FIXTURE + "/.meta.csv.tmp-123",
            FIXTURE + "/META.csv",
            "evil.html",
            "list.html",
            FIXTURE + "/data-20990101T0000-structure-20260320T0900.csv",
            FIXTURE + "/data-20260320T0900-structure-20990101T0000.csv",
            FIXTURE + "/" + DATA + ".geojson",
            FIXTURE + "/structure-20990101T0000.xsd",
            "7017069388-ghost/meta.csv",
            FIXTURE + "/sub/list.csv"})
    void aFileTheCatalogueDidNotWriteIsNotFound(String file) throws Exception {
        assertThat(TestApp.portal(home).resolve(file)).exists();
        for (String accept : new String[] {"*/*", "text/html"}) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/opendata/" + file))
                    .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(file).isEqualTo(404);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("stray").doesNotContain("half");
        }
        assertThat(head("/opendata/" + file, null).statusCode()).isEqualTo(404);
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
    void aStrayGeoJsonGivesAPassportPageNoMap() throws Exception {
        // the fixture has no coordinates; the GeoJSON beside its data was dropped by hand (see publish())
        String fixturePage = new String(get("/opendata/" + FIXTURE + "/").body(), StandardCharsets.UTF_8);
        assertThat(fixturePage).doesNotContain("id=\"map\"").doesNotContain(".geojson");
        String placesPage = new String(get("/opendata/" + PLACES + "/").body(), StandardCharsets.UTF_8);
        assertThat(placesPage).contains("id=\"map\"", DATA + ".geojson");
    }

    @ParameterizedTest
    @ValueSource(strings = {"list.csv", FIXTURE + "/meta.json", FIXTURE + "/" + DATA + ".csv", FIXTURE + "/" + STRUCTURE + ".xsd",
            PLACES + "/" + DATA + ".geojson"})
    void scriptsOfAnyOtherSiteMayReadTheDataFiles(String file) throws Exception {
        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(uri("/opendata/" + file)).header("Origin", HACKATHON)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(get.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<Void> head = head("/opendata/" + file, HACKATHON);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

        // a script that revalidates with If-None-Match needs a preflight first; it is answered without credentials
        HttpResponse<byte[]> preflight = http.send(HttpRequest.newBuilder(uri("/opendata/" + file))
                .header("Origin", HACKATHON).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, HEAD");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin/feeds", "/admin/", "/admin/login", "/actuator/prometheus", "/actuator/health",
            "/actuator/health/liveness", "/v3/api-docs", "/opendata/", "/opendata/" + FIXTURE + "/"})
    void nothingElseIsSharedWithOtherSites(String path) throws Exception {
        for (String authorization : new String[] {null, TestUsers.basic(TestUsers.ADMIN)}) {
            HttpRequest.Builder get = HttpRequest.newBuilder(uri(path)).header("Origin", HACKATHON).GET();
            HttpRequest.Builder preflight = HttpRequest.newBuilder(uri(path)).header("Origin", HACKATHON)
                    .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody());
            if (authorization != null) {
                get.header("Authorization", authorization);
                preflight.header("Authorization", authorization);
            }
            for (HttpRequest request : new HttpRequest[] {get.build(), preflight.build()}) {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.headers().map().keySet()).as(request.method() + " " + path + " " + response.statusCode())
                        .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
            }
        }
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
            "/opendata/" + FIXTURE + "/../../secret.txt",
            "/opendata//etc/passwd",
            "/opendata/file:/etc/passwd",
            "/opendata/%00/list.csv"})
    void pathTraversalNeverLeavesTheTree(String path) throws Exception {
        String response = RawHttp.get(app.port(), path);
        assertThat(RawHttp.statusLine(response)).matches("HTTP/1\\.1 (400|404).*");
        assertThat(response).doesNotContain("not public").doesNotContain("root:");
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<Void> head(String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }
}
