package ru.gov.tomsk.opendata.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.http.HttpClients;

/**
 * {@code kind: ckan}: a portal with the CKAN action API (https://docs.ckan.org/en/latest/api/). The dataset is
 * the package named by its lower-cased identifier. Every call carries what the action API requires of it:
 * {@code package_show} the package's {@code id} (or name), {@code package_create} its {@code name},
 * {@code package_patch} and {@code resource_patch} the {@code id} of what they change, {@code resource_create} the
 * {@code package_id}. The newest version's files (one per format: {@code data.csv}, {@code data.json}, …) are
 * resources of the package, made once by {@code resource_create} and replaced by {@code resource_patch} uploads;
 * each carries an {@code opendata_version} field, and a resource already at the delivered version is not uploaded
 * again.
 *
 * <p>A package is never left half updated. Its {@code opendata_version} extra is written last, by the
 * {@code package_patch} that ends every delivery, so it never names a version whose files the package does not
 * hold. Before any file of an existing package is replaced, its passport is patched with the version extra it
 * has: a passport CKAN rejects (a permanent failure) leaves the resources untouched. An attempt cut off between
 * uploads leaves the version extra at the previous, complete version; its retry uploads only the resources still
 * behind, then writes the extra.
 *
 * <p>A validation error and a refused token are permanent; 5xx, 429 and network failures are retried. The token
 * goes only into the {@code Authorization} header, never into a message.
 */
final class CkanTarget extends WebTarget {

    /** Larger API answers are not CKAN's; reading stops there. */
    static final int MAX_BODY = 8 * 1024 * 1024;
    static final int MAX_ERROR = 300;
    static final List<String> FORMATS = List.of("csv", "json", "xml", "geojson");
    /** The package extra, and the resource field, naming the version of the files the package holds. */
    static final String VERSION_EXTRA = "opendata_version";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final String token;
    private final String organization;

    CkanTarget(String name, URI root, String token, String organization, HttpClients http, Duration connectTimeout,
               Duration timeout) {
        super(name, http, connectTimeout, HttpClient.Redirect.NORMAL, timeout);
        this.api = root.resolve("api/3/action/");
        this.token = token;
        this.organization = organization;
    }

    @Override
    public DeliveryResult deliver(DatasetDelivery delivery) {
        try {
            return mask(send(delivery));
        } catch (Failure f) {
            return mask(f.result);
        } catch (IOException e) {
            return mask(DeliveryResult.retry("CKAN at " + api + ": " + describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("CKAN at " + api + ": not sent, the service is stopping");
        }
    }

    private DeliveryResult send(DatasetDelivery delivery) throws IOException, InterruptedException {
        var dataset = delivery.dataset();
        String packageName = dataset.identifier().toLowerCase(java.util.Locale.ROOT);
        if (!packageName.matches("[a-z0-9_-]{2,100}")) {
            return DeliveryResult.permanent("identifier '" + dataset.identifier() + "' is not a CKAN package name "
                    + "(2-100 lower-case letters, digits, - and _)");
        }
        byte[] metaJson = dataset.passport().get("meta.json");
        if (metaJson == null) {
            return DeliveryResult.permanent("the passport of " + dataset.identifier() + " has no meta.json");
        }
        JsonNode meta = JSON.readTree(metaJson);
        String version = dataset.newestVersion();
        Map<String, Path> current = currentFiles(dataset.directory(), dataset.files(), version);
        if (current.isEmpty()) {
            return DeliveryResult.permanent("no data file of version " + version + " among " + dataset.files());
        }

        JsonNode existing = call("package_show", get("package_show?id=" + encode(packageName)), true);
        boolean created = existing == null;
        if (created) {
            // without the version extra: it is written last, once the files are in (a retry finds the package then)
            existing = call("package_create", postJson("package_create", passport(packageName, meta, null, null)), false);
        }
        String packageId = existing.path("id").asText(packageName);
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        for (JsonNode resource : existing.path("resources")) {
            resources.putIfAbsent(resource.path("name").asText(), resource);
        }
        Map<String, Path> behind = new LinkedHashMap<>();
        current.forEach((resourceName, file) -> {
            JsonNode resource = resources.get(resourceName);
            if (resource == null || !version.equals(resource.path("opendata_version").asText(null))) {
                behind.put(resourceName, file);
            }
        });
        if (!created && !behind.isEmpty()) {
            // the passport first, with the version extra as the package has it: a passport CKAN rejects fails the
            // delivery before any file of the package is replaced
            call("package_patch", postJson("package_patch", passport(packageName, meta, existing, versionOf(existing))
                    .put("id", packageId)), false);
        }
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Path> file : behind.entrySet()) {
            String resourceName = file.getKey();
            JsonNode resource = resources.get(resourceName);
            String format = resourceName.substring(resourceName.indexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
            Map<String, String> fields = new LinkedHashMap<>();
            if (resource == null) {
                fields.put("package_id", packageId);
                fields.put("name", resourceName);
            } else {
                // resource_patch, not resource_update: an update drops every field it is not sent (the name too)
                fields.put("id", resource.path("id").asText());
            }
            fields.put("format", format);
            fields.put("opendata_version", version);
            String action = resource == null ? "resource_create" : "resource_patch";
            call(action, multipart(action, fields, resourceName, file.getValue()), false);
            done.add(action + " " + resourceName);
        }
        // last: only now does the package hold this version's files, so only now may its version extra say so
        call("package_patch", postJson("package_patch", passport(packageName, meta, existing, version).put("id", packageId)), false);
        return DeliveryResult.delivered("CKAN package " + packageName + " at " + api + " holds version " + version
                + " (" + (created ? "package_create, " : "")
                + (done.isEmpty() ? "files already current" : String.join(", ", done)) + ", package_patch)");
    }

    /** The {@code opendata_version} extra of a package as CKAN returns it; null if it has none. */
    static String versionOf(JsonNode pkg) {
        for (JsonNode extra : pkg.path("extras")) {
            if (VERSION_EXTRA.equals(extra.path("key").asText())) {
                return extra.path("value").asText(null);
            }
        }
        return null;
    }

    /** The newest version's file of each format, by resource name ({@code data.csv}, …). */
    static Map<String, Path> currentFiles(Path directory, List<String> files, String version) {
        Map<String, Path> current = new LinkedHashMap<>();
        String prefix = "data-" + version + "-structure-";
        for (String format : FORMATS) {
            for (String file : files) {
                if (file.startsWith(prefix) && file.endsWith("." + format)
                        && file.indexOf('.') == file.length() - format.length() - 1) {
                    current.put("data." + format, directory.resolve(file));
                    break;
                }
            }
        }
        return current;
    }

    /**
     * The package's fields from the passport. Extras are the passport's facts, then the {@code opendata_version}
     * extra ({@code version}; none when null), then whatever other extras the package has (set on the portal):
     * {@code package_patch} replaces the whole list, so those are sent back as they are.
     *
     * @param existing the package as {@code package_show} returned it, or null for a new one
     */
    private ObjectNode passport(String packageName, JsonNode meta, JsonNode existing, String version) {
        ObjectNode p = JSON.createObjectNode();
        p.put("name", packageName);
        p.put("title", meta.path("title").asText(packageName));
        p.put("notes", meta.path("description").asText(""));
        p.put("owner_org", organization);
        ArrayNode tags = p.putArray("tags");
        for (String subject : meta.path("subject").asText("").split(",")) {
            if (!subject.isBlank()) {
                tags.addObject().put("name", subject.strip());
            }
        }
        ArrayNode extras = p.putArray("extras");
        extra(extras, "identifier", meta.path("identifier"));
        extra(extras, "standardversion", meta.path("standardversion"));
        extra(extras, "creator", meta.path("creator"));
        extra(extras, "created", meta.path("created"));
        extra(extras, "modified", meta.path("modified"));
        extra(extras, "valid", meta.path("valid"));
        extra(extras, "provenance", meta.path("provenance"));
        extra(extras, "publishername", meta.path("publisher").path("name"));
        extra(extras, "publisherphone", meta.path("publisher").path("phone"));
        extra(extras, "publishermbox", meta.path("publisher").path("mbox"));
        if (version != null) {
            extras.addObject().put("key", VERSION_EXTRA).put("value", version);
        }
        if (existing != null) {
            java.util.Set<String> ours = new java.util.HashSet<>();
            extras.forEach(e -> ours.add(e.path("key").asText()));
            ours.add(VERSION_EXTRA);
            for (JsonNode extra : existing.path("extras")) {
                if (!ours.contains(extra.path("key").asText())) {
                    extras.add(extra.deepCopy());
                }
            }
            if ("deleted".equals(existing.path("state").asText())) {
                p.put("state", "active");
            }
        }
        return p;
    }

    private static void extra(ArrayNode extras, String key, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            extras.addObject().put("key", key).put("value", value.asText());
        }
    }

    private HttpRequest.Builder request(String path) {
        return http.request(api.resolve(path), timeout)
                .header("Authorization", token)
                .header("Accept", "application/json");
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest postJson(String action, JsonNode body) throws IOException {
        return request(action).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
    }

    private HttpRequest multipart(String action, Map<String, String> fields, String fileName, Path file) throws IOException {
        String boundary = "opendata-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Failure(DeliveryResult.retry("the committed file " + file + " cannot be read: " + describe(e)));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request(action).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    /**
     * Sends one action call and returns its {@code result}; {@code null} for "not found" when
     * {@code notFoundIsNull}. Any other failure is thrown as a {@link Failure} carrying the outcome.
     */
    private JsonNode call(String action, HttpRequest request, boolean notFoundIsNull) throws IOException, InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            String why = noAnswer(e);
            if (why == null) {
                throw e;
            }
            throw new Failure(DeliveryResult.retry(action + " at " + api + ": " + why));
        }
        int status = response.statusCode();
        byte[] raw = response.body() == null ? new byte[0] : response.body();
        JsonNode body = null;
        if (raw.length <= MAX_BODY) {
            try {
                body = JSON.readTree(raw);
            } catch (IOException notJson) {
                body = null;
            }
        }
        JsonNode error = body == null ? null : body.get("error");
        if (status == 200 && body != null && body.path("success").asBoolean(false)) {
            return body.path("result");
        }
        // CKAN's own "not found" only: a bare 404 page means the url does not lead to the action API
        if (notFoundIsNull && error != null && ("Not Found Error".equals(error.path("__type").asText())
                || error.path("message").asText("").startsWith("Not found"))) {
            return null;
        }
        if (status == 404 && error == null) {
            throw new Failure(DeliveryResult.permanent(shorten(action + " at " + api + ": HTTP 404, not CKAN's action API "
                    + "(opendata.targets." + name() + ".ckan.url is the portal's root)")));
        }
        String what = action + " at " + api + ": HTTP " + status + (error != null ? ", " + describe(error) : "");
        if (status == 401 || status == 403) {
            throw new Failure(DeliveryResult.permanent(shorten("CKAN refused the token (opendata.targets." + name()
                    + ".ckan.token): " + what)));
        }
        if (status >= 500 || status == 429 || status == 408) {
            throw new Failure(DeliveryResult.retry(shorten(what)));
        }
        if (status == 409 || error != null && "Validation Error".equals(error.path("__type").asText())) {
            throw new Failure(DeliveryResult.permanent(shorten("CKAN rejected " + what)));
        }
        if (status >= 400) {
            throw new Failure(DeliveryResult.permanent(shorten(what)));
        }
        // 200 without success, or a body that is not CKAN's: a proxy page, say
        throw new Failure(DeliveryResult.retry(shorten(what + (body == null ? ", the answer is not CKAN JSON" : ""))));
    }

    /** CKAN's error object: {@code __type}, {@code message}, and for a validation error the fields. */
    static String describe(JsonNode error) {
        StringBuilder text = new StringBuilder(error.path("__type").asText("error"));
        String message = error.path("message").asText(null);
        if (message != null) {
            text.append(": ").append(message);
        }
        error.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("__type") && !field.getKey().equals("message")) {
                JsonNode value = field.getValue();
                String rendered = value.isArray() && value.size() > 0 && value.get(0).isTextual()
                        ? String.join(" ", toStrings(value)) : value.isTextual() ? value.asText() : value.toString();
                text.append("; ").append(field.getKey()).append(": ").append(rendered);
            }
        });
        return text.toString();
    }

    private static List<String> toStrings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static String shorten(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Cleans a message of credentials and, whatever quoted it, of the token itself. */
    private DeliveryResult mask(DeliveryResult result) {
        String message = Redaction.clean(result.message());
        if (message != null && token != null && !token.isEmpty()) {
            message = message.replace(token, "***");
        }
        return new DeliveryResult(result.outcome(), message);
    }

    /** A call's outcome other than success, carried out of the call chain. */
    private static final class Failure extends RuntimeException {
        final transient DeliveryResult result;

        Failure(DeliveryResult result) {
            super(result.message(), null, false, false);
            this.result = result;
        }
    }

    @Component
    record Kind(HttpClients http) implements TargetKind {

        @Override
        public String name() {
            return "ckan";
        }

        @Override
        public DeliveryTarget create(String name, PublishProperties.Target settings) {
            String key = "opendata.targets." + name + ".ckan";
            PublishProperties.Ckan ckan = settings.ckan();
            if (ckan == null || ckan.url() == null) {
                throw new IllegalArgumentException(key + ".url is missing: the portal's root, e.g. https://data.example.ru/");
            }
            URI url = ckan.url();
            if (!url.isAbsolute() || !List.of("http", "https").contains(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException(key + ".url '" + Redaction.clean(url.toString()) + "' is not an http(s) URL");
            }
            if (ckan.token() == null || ckan.token().isBlank()) {
                throw new IllegalArgumentException(key + ".token is missing: the CKAN API token, e.g. token: ${CKAN_TOKEN}");
            }
            if (ckan.organization() == null || ckan.organization().isBlank()) {
                throw new IllegalArgumentException(key + ".organization is missing: the CKAN organisation (owner_org) that owns the datasets");
            }
            URI root = url.getPath() != null && url.getPath().endsWith("/") ? url : URI.create(url + "/");
            return new CkanTarget(name, root, ckan.token().strip(), ckan.organization().strip(), http,
                    settings.connectTimeout(), ckan.timeout() != null ? ckan.timeout() : settings.timeout());
        }
    }
}
