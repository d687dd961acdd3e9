package ru.gov.tomsk.opendata.ops.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ru.gov.tomsk.opendata.support.TestApp;

/** Push feeds for the tests, and pushes to them over real HTTP. */
final class PushFeeds {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PushFeeds() {
    }

    /**
     * Installs a push feed of three fields ({@code id} the key, {@code name}, {@code amount}) and an opening date.
     *
     * @param source the lines under {@code source:} after {@code kind: push}, indented by two
     */
    static void install(Path home, String feedId, String source, String schedule, String extra) throws IOException {
        String yaml = """
                identifier: %s
                title: Тестовый набор «Организации» из выгрузки информационной системы
                description: Набор для проверки выгрузки push
                creator: Департамент тестирования Томской области
                subject: [тест, организации]
                publisher: { name: Иванова Анна Петровна, phone: "+7 3822 000000", email: opendata@example.ru }
                frequency: quarterly
                schedule: "%s"
                formats: [csv, json]
                %s
                source:
                  kind: push
                %sstructure:
                  key: [id]
                  fields:
                    - { name: id,     en: Identifier,    ru: Идентификатор, type: integer, required: true }
                    - { name: name,   en: Name,          ru: Наименование,  type: string,  required: true }
                    - { name: amount, en: "Amount, RUB", ru: "Сумма, руб.", type: number }
                    - { name: opened, en: Opening date,  ru: Дата открытия, type: date, parse: dd.MM.yyyy }
                """.formatted(feedId, schedule, extra, source);
        Files.writeString(TestApp.feeds(home).resolve(feedId + ".yaml"), yaml);
    }

    static HttpResponse<String> push(TestApp app, String feedId, String token, byte[] body, String key)
            throws IOException, InterruptedException {
        return send(app, feedId, token, HttpRequest.BodyPublishers.ofByteArray(body), key);
    }

    /** A push whose body is streamed chunked, of unknown length, as it is generated. */
    static HttpResponse<String> pushStream(TestApp app, String feedId, String token, Supplier<InputStream> body, String key)
            throws IOException, InterruptedException {
        return send(app, feedId, token, HttpRequest.BodyPublishers.ofInputStream(body), key);
    }

    private static HttpResponse<String> send(TestApp app, String feedId, String token, HttpRequest.BodyPublisher body,
                                             String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(app, "/api/ingest/" + feedId))
                .header("Content-Type", "text/csv").POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(TestApp app, String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(app, path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI url(TestApp app, String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    /** The one CSV data file the feed published, or null if it published none. */
    static Path dataCsv(Path home, String feedId) throws IOException {
        Path dir = TestApp.portal(home).resolve(feedId);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> data = files.filter(p -> p.getFileName().toString().matches("data-.*\\.csv")).toList();
            if (data.size() > 1) {
                throw new AssertionError("more than one data file of " + feedId + ": " + data);
            }
            return data.isEmpty() ? null : data.get(0);
        }
    }
}
