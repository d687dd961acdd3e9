package ru.gov.tomsk.opendata.publish;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.http.HttpClients;
import ru.gov.tomsk.opendata.http.RequestHeader;

import ru.gov.tomsk.opendata.catalog.PublishedDataset;

/**
 * {@code kind: http}: a configurable push to a portal's API (issue 5), one request per delivery to the
 * {@code url} template filled with the dataset's identifier and newest version.
 *
 * <ul>
 *   <li>{@code body: json}: {@code {"identifier", "version", "passport": <meta.json>, "files": {format: link},
 *       "structure": {extension: link}}}, links absolute under {@code public-base-url};</li>
 *   <li>{@code body: multipart}: a {@code passport} part (the same JSON, file names instead of links), then one part
 *       per file of the newest version (data files of every format, the structure files, {@code meta.json}), each
 *       named by its file name.</li>
 * </ul>
 * Every request carries {@code Idempotency-Key: <identifier>:<version>}: a resend of the same version (the outbox
 * retries when it cannot know what arrived) is then recognisable to a POST-based API; with {@code PUT} a resend is
 * harmless by the method's contract. 2xx is delivered; 5xx, 408, 429 and network failures are retried; any other
 * answer is permanent, with the status and an excerpt of the body. The token and header values never appear in a
 * message. {@code mode: ckan} is {@link CkanTarget} with this target's url and token.
 */
final class HttpTarget extends WebTarget {

    static final int MAX_EXCERPT = 300;
    /** Larger error bodies are not read further. */
    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Body { JSON, MULTIPART }

    private final String urlTemplate;
    private final String method;
    private final List<RequestHeader> headers;
    private final String token;
    private final Body body;
    private final URI publicBase;

    HttpTarget(String name, String urlTemplate, String method, List<RequestHeader> headers, String token, Body body,
               URI publicBase, HttpClients http, Duration connectTimeout, Duration timeout) {
        // a redirected POST would silently turn into a GET: a redirect is reported, not followed
        super(name, http, connectTimeout, HttpClient.Redirect.NEVER, timeout);
        this.urlTemplate = urlTemplate;
        this.method = method;
        this.headers = List.copyOf(headers);
        this.token = token;
        this.body = body;
        this.publicBase = publicBase;
    }

    @Override
    public DeliveryResult deliver(DatasetDelivery delivery) {
        PublishedDataset dataset = delivery.dataset();
        String version = dataset.newestVersion();
        URI url = url(urlTemplate, dataset.identifier(), version);
        String what = method + " " + url;
        try {
            return mask(send(dataset, version, url, what));
        } catch (IOException e) {
            return mask(DeliveryResult.retry(what + ": " + failure(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(Redaction.clean(what) + ": not sent, the service is stopping");
        }
    }

    private DeliveryResult send(PublishedDataset dataset, String version, URI url, String what)
            throws IOException, InterruptedException {
        byte[] metaJson = dataset.passport().get("meta.json");
        if (metaJson == null) {
            return DeliveryResult.permanent("the passport of " + dataset.identifier() + " has no meta.json");
        }
        JsonNode meta = JSON.readTree(metaJson);
        Map<String, String> data = new LinkedHashMap<>();
        Map<String, String> structure = new LinkedHashMap<>();
        newestFiles(dataset.files(), version, data, structure);
        if (data.isEmpty()) {
            return DeliveryResult.permanent("no data file of version " + version + " among " + dataset.files());
        }

        HttpRequest.Builder request = http.request(url, timeout);
        for (RequestHeader header : headers) {
            request.setHeader(header.name(), header.value());
        }
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        request.setHeader("Idempotency-Key", dataset.identifier() + ":" + version);
        request.setHeader("Accept", "application/json");

        HttpRequest.BodyPublisher publisher;
        if (body == Body.JSON) {
            ObjectNode envelope = envelope(dataset.identifier(), version, meta, data, structure, true);
            request.setHeader("Content-Type", "application/json");
            publisher = HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(envelope));
        } else {
            String boundary = "opendata-" + UUID.randomUUID();
            List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
            ObjectNode envelope = envelope(dataset.identifier(), version, meta, data, structure, false);
            parts.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"passport\"\r\n"
                    + "Content-Type: application/json\r\n\r\n"));
            parts.add(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(envelope)));
            List<String> files = new ArrayList<>(data.values());
            files.addAll(structure.values());
            for (String file : files) {
                Path path = dataset.directory().resolve(file);
                HttpRequest.BodyPublisher content;
                try {
                    content = HttpRequest.BodyPublishers.ofFile(path);
                } catch (FileNotFoundException e) {
                    return DeliveryResult.retry("the committed file " + path + " cannot be read: " + describe(e));
                }
                parts.add(text("\r\n--" + boundary + "\r\n" + fileHeader(file)));
                parts.add(content);
            }
            parts.add(text("\r\n--" + boundary + "\r\n" + fileHeader("meta.json")));
            parts.add(HttpRequest.BodyPublishers.ofByteArray(metaJson));
            parts.add(text("\r\n--" + boundary + "--\r\n"));
            request.setHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
            publisher = HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
        }
        request.method(method, publisher);

        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered(what + ": HTTP " + status + ", version " + version + " of "
                    + dataset.identifier() + " sent (" + (body == Body.JSON ? "json" : "multipart, "
                    + (data.size() + structure.size() + 1) + " files") + ")");
        }
        String answer = what + ": HTTP " + status + excerpt(response.body());
        if (status >= 500 || status == 408 || status == 429) {
            return DeliveryResult.retry(answer);
        }
        if (status >= 300 && status < 400) {
            return DeliveryResult.permanent(what + ": HTTP " + status + ", redirected to "
                    + response.headers().firstValue("Location").orElse("?")
                    + " (opendata.targets." + name() + ".http.url must be the final URL)");
        }
        return DeliveryResult.permanent(answer);
    }

    private ObjectNode envelope(String identifier, String version, JsonNode meta, Map<String, String> data,
                                Map<String, String> structure, boolean links) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("identifier", identifier);
        envelope.put("version", version);
        envelope.set("passport", meta);
        ObjectNode files = envelope.putObject("files");
        data.forEach((format, file) -> files.put(format, links ? link(identifier, file) : file));
        ObjectNode structures = envelope.putObject("structure");
        structure.forEach((ext, file) -> structures.put(ext, links ? link(identifier, file) : file));
        if (links) {
            envelope.put("meta", link(identifier, "meta.json"));
        }
        return envelope;
    }

    private String link(String identifier, String file) {
        return publicBase.resolve(encodePath(identifier) + "/" + encodePath(file)).toString();
    }

    /**
     * The newest version's files: data files ({@code data-<version>-structure-<sv>.<format>}) by format, and the
     * files of their structure ({@code structure-<sv>.<extension>}) by extension.
     */
    static void newestFiles(List<String> files, String version, Map<String, String> data, Map<String, String> structure) {
        String prefix = "data-" + version + "-structure-";
        String structureVersion = null;
        for (String file : files) {
            int dot = file.indexOf('.');
            if (file.startsWith(prefix) && dot > prefix.length()) {
                data.putIfAbsent(file.substring(dot + 1), file);
                structureVersion = file.substring(prefix.length(), dot);
            }
        }
        if (structureVersion != null) {
            String stem = "structure-" + structureVersion + ".";
            for (String file : files) {
                if (file.startsWith(stem) && file.length() > stem.length()) {
                    structure.putIfAbsent(file.substring(stem.length()), file);
                }
            }
        }
    }

    private static String fileHeader(String file) {
        return "Content-Disposition: form-data; name=\"" + file + "\"; filename=\"" + file + "\"\r\n"
                + "Content-Type: " + contentType(file) + "\r\n\r\n";
    }

    private static String contentType(String file) {
        String ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json";
            case "geojson" -> "application/geo+json";
            case "xml", "xsd" -> "application/xml";
            default -> "application/octet-stream";
        };
    }

    private static HttpRequest.BodyPublisher text(String text) {
        return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    /** ", <up to 300 characters of the answer>", blanks collapsed; empty for an empty answer. */
    static String excerpt(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return "";
        }
        int length = Math.min(raw.length, MAX_BODY);
        String text = new String(raw, 0, length, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "";
        }
        return ", " + (text.length() <= MAX_EXCERPT ? text : text.substring(0, MAX_EXCERPT - 1) + "…");
    }

    static URI url(String template, String identifier, String version) {
        return URI.create(template.replace("{identifier}", encodePath(identifier)).replace("{version}", encodePath(version)));
    }

    private static String encodePath(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Cleans a message of credentials in URLs, of the token and of the configured header values. */
    private DeliveryResult mask(DeliveryResult result) {
        String message = Redaction.clean(result.message());
        if (message != null) {
            if (token != null && !token.isEmpty()) {
                message = message.replace(token, "***");
            }
            for (RequestHeader header : headers) {
                if (header.value().length() >= 4) {
                    message = message.replace(header.value(), "***");
                }
            }
        }
        return new DeliveryResult(result.outcome(), message);
    }

    @Component
    record Kind(HttpClients clients) implements TargetKind {

        @Override
        public String name() {
            return "http";
        }

        @Override
        public DeliveryTarget create(String name, PublishProperties.Target settings) {
            String key = "opendata.targets." + name + ".http";
            PublishProperties.Http http = settings.http();
            if (http == null || http.url() == null || http.url().isBlank()) {
                throw new IllegalArgumentException(key + ".url is missing: the API's URL, e.g. "
                        + "https://portal.example.ru/api/datasets/{identifier}/versions/{version}");
            }
            String mode = lower(http.mode(), "plain");
            Duration timeout = http.timeout() != null ? http.timeout() : settings.timeout();
            String token = http.token() == null || http.token().isBlank() ? null : http.token().strip();
            if (mode.equals("ckan")) {
                URI url = httpUrl(http.url().strip(), key + ".url");
                if (token == null) {
                    throw new IllegalArgumentException(key + ".token is missing: the CKAN API token, e.g. token: ${CKAN_TOKEN}");
                }
                if (http.organization() == null || http.organization().isBlank()) {
                    throw new IllegalArgumentException(key + ".organization is missing: in mode ckan, the CKAN "
                            + "organisation (owner_org) that owns the datasets");
                }
                URI root = url.getPath() != null && url.getPath().endsWith("/") ? url : URI.create(url + "/");
                return new CkanTarget(name, root, token, http.organization().strip(), clients, settings.connectTimeout(),
                        timeout);
            }
            if (!mode.equals("plain")) {
                throw new IllegalArgumentException(key + ".mode '" + http.mode() + "' is neither plain nor ckan");
            }
            String template = http.url().strip();
            httpUrl(url(template, "identifier", "version").toString(), key + ".url");
            String method = http.method() == null ? "POST" : http.method().strip().toUpperCase(Locale.ROOT);
            if (!method.equals("POST") && !method.equals("PUT")) {
                throw new IllegalArgumentException(key + ".method '" + http.method() + "' is neither POST nor PUT");
            }
            Body body = switch (lower(http.body(), "json")) {
                case "json" -> Body.JSON;
                case "multipart" -> Body.MULTIPART;
                default -> throw new IllegalArgumentException(key + ".body '" + http.body() + "' is neither json nor multipart");
            };
            List<RequestHeader> headers = RequestHeader.parse(http.headers(), key + ".headers");
            HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://localhost/"));
            for (RequestHeader header : headers) {
                try {
                    probe.setHeader(header.name(), header.value());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ".headers: the HTTP client refuses the header " + header.name());
                }
            }
            URI base = null;
            if (body == Body.JSON) {
                URI publicUrl = settings.publicBaseUrl();
                if (publicUrl == null) {
                    throw new IllegalArgumentException("opendata.targets." + name + ".public-base-url is missing: with "
                            + key + ".body json, the public URL the files are linked under, e.g. https://tomsk.gov.ru/opendata/");
                }
                httpUrl(publicUrl.toString(), "opendata.targets." + name + ".public-base-url");
                base = publicUrl.getPath() != null && publicUrl.getPath().endsWith("/") ? publicUrl : URI.create(publicUrl + "/");
            }
            return new HttpTarget(name, template, method, headers, token, body, base, clients, settings.connectTimeout(),
                    timeout);
        }

        private static String lower(String value, String otherwise) {
            return value == null || value.isBlank() ? otherwise : value.strip().toLowerCase(Locale.ROOT);
        }

        private static URI httpUrl(String text, String key) {
            URI url;
            try {
                url = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " '" + Redaction.clean(text) + "' is not a URL");
            }
            if (!url.isAbsolute() || !List.of("http", "https").contains(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException(key + " '" + Redaction.clean(text) + "' is not an http(s) URL");
            }
            return url;
        }
    }
}
