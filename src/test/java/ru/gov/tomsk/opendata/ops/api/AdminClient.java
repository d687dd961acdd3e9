package ru.gov.tomsk.opendata.ops.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP calls against the started service, as a user's script makes them (HTTP Basic). */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public AdminClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path, String user) {
        return get(path, user, "application/json");
    }

    HttpResponse<String> get(String path, String user, String accept) {
        return send(request(path, user).header("Accept", accept).GET().build());
    }

    public HttpResponse<String> post(String path, String user) {
        return send(request(path, user).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> post(String path, String user, String contentType, String body) {
        return send(request(path, user).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /**
     * A multipart/form-data POST: each part a file ({@code filename} set) with its bytes; {@code headers} are added
     * as they are (e.g. X-Requested-With).
     */
    public HttpResponse<String> postParts(String path, String user, Map<String, Part> parts, String... headers) {
        String boundary = "----opendata-test-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        parts.forEach((name, part) -> {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"")
                    + "\r\nContent-Type: application/octet-stream\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder builder = request(path, user).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** One part of a multipart request. */
    public record Part(String fileName, byte[] content) {
        public static Part file(String fileName, String text) {
            return new Part(fileName, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(120));
        return user == null ? builder : builder.header("Authorization", basic(user));
    }

    /** The Authorization header of one of the test accounts (viewer, operator, admin). */
    static String basic(String user) {
        return ru.gov.tomsk.opendata.support.TestUsers.basic(user);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
