package ru.gov.tomsk.opendata.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A CKAN portal inside WireMock, following the action API documentation (https://docs.ckan.org/en/latest/api/):
 * packages and resources kept in memory, answers in CKAN's shapes ({@code {"success": true, "result": …}};
 * {@code {"success": false, "error": {"__type": …}}}), and the required fields checked as CKAN checks them:
 * {@code package_patch} without {@code id} is a 409 {@code {"__type": "Validation Error", "id": ["Missing value"]}},
 * as {@code ckan.logic.get_or_bust} raises it. {@code resource_update} drops every field it is not sent, as CKAN's
 * does; {@code resource_patch} and {@code package_patch} merge. Used by a stub that sends {@code /api/3/action/*}
 * through {@link #NAME}; {@link #failNext} makes one call of an action fail before it changes anything.
 */
final class CkanEmulator implements ResponseDefinitionTransformerV2 {

    static final String NAME = "ckan-emulator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final Map<String, ObjectNode> packages = new LinkedHashMap<>();
    private final Map<String, byte[]> uploads = new LinkedHashMap<>();
    private final Map<String, Deque<Integer>> faults = new LinkedHashMap<>();
    /** Each package as it was after every call that changed it: what a reader of the portal could have seen. */
    private final List<JsonNode> states = new ArrayList<>();

    CkanEmulator(String token) {
        this.token = token;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /**
     * The next calls of {@code action}, one per status: 200 lets the call through, any other status answers it with
     * an HTML error page (as a proxy would) and changes nothing.
     */
    synchronized void failNext(String action, int... statuses) {
        for (int status : statuses) {
            faults.computeIfAbsent(action, a -> new ArrayDeque<>()).add(status);
        }
    }

    /** The package as {@code package_show} returns it, or null. */
    synchronized JsonNode pkg(String idOrName) {
        ObjectNode found = find(idOrName);
        return found == null ? null : found.deepCopy();
    }

    /** The bytes last uploaded to a resource. */
    synchronized byte[] upload(String resourceId) {
        return uploads.get(resourceId);
    }

    /** Every state the packages went through, one copy per change. */
    synchronized List<JsonNode> states() {
        return List.copyOf(states);
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String action = request.getUrl().replaceFirst("^/api/3/action/", "").replaceFirst("\\?.*$", "");
        if (!token.equals(request.getHeader("Authorization"))) {
            return error(403, "Authorization Error", Map.of("message", "Access denied"));
        }
        Deque<Integer> fault = faults.get(action);
        Integer status = fault == null ? null : fault.poll();
        if (status != null && status != 200) {
            return new ResponseDefinition(status, "<html><body>Service Unavailable</body></html>");
        }
        try {
            return switch (action) {
                case "package_show" -> packageShow(request);
                case "package_create" -> packageCreate(body(request));
                case "package_patch" -> packagePatch(body(request));
                case "resource_create" -> resourceCreate(request);
                case "resource_patch" -> resourceChange(request, true);
                case "resource_update" -> resourceChange(request, false);
                default -> error(400, "Bad request", Map.of("message", "Bad request - Action name not known: " + action));
            };
        } catch (Missing missing) {
            return error(409, "Validation Error", Map.of(missing.field, List.of("Missing value")));
        }
    }

    private ResponseDefinition packageShow(Request request) {
        String id = request.queryParameter("id").isPresent() ? request.queryParameter("id").firstValue() : null;
        if (id == null) {
            throw new Missing("id");
        }
        ObjectNode pkg = find(id);
        return pkg == null ? notFound() : ok(pkg);
    }

    private ResponseDefinition packageCreate(ObjectNode body) {
        String name = required(body, "name");
        if (find(name) != null) {
            return error(409, "Validation Error", Map.of("name", List.of("That URL is already in use.")));
        }
        ObjectNode pkg = body.deepCopy();
        pkg.put("id", UUID.randomUUID().toString());
        pkg.put("state", pkg.path("state").asText("active"));
        pkg.putArray("resources");
        if (!pkg.has("extras")) {
            pkg.putArray("extras");
        }
        packages.put(pkg.get("id").asText(), pkg);
        return changed(pkg);
    }

    private ResponseDefinition packagePatch(ObjectNode body) {
        String id = required(body, "id");
        ObjectNode pkg = find(id);
        if (pkg == null) {
            return notFound();
        }
        body.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("id")) {
                pkg.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return changed(pkg);
    }

    private ResponseDefinition resourceCreate(Request request) {
        String packageId = requiredPart(request, "package_id");
        ObjectNode pkg = find(packageId);
        if (pkg == null) {
            return notFound();
        }
        ObjectNode resource = JSON.createObjectNode();
        resource.put("id", UUID.randomUUID().toString());
        resource.put("package_id", pkg.get("id").asText());
        fields(request, resource);
        ((ArrayNode) pkg.get("resources")).add(resource);
        return changed(pkg, resource);
    }

    /** {@code resource_patch} merges the fields sent; {@code resource_update} keeps only those (and the upload). */
    private ResponseDefinition resourceChange(Request request, boolean merge) {
        String id = requiredPart(request, "id");
        for (ObjectNode pkg : packages.values()) {
            for (JsonNode r : pkg.get("resources")) {
                if (r.get("id").asText().equals(id)) {
                    ObjectNode resource = (ObjectNode) r;
                    if (!merge) {
                        resource.retain("id", "package_id");
                    }
                    fields(request, resource);
                    return changed(pkg, resource);
                }
            }
        }
        return notFound();
    }

    private void fields(Request request, ObjectNode resource) {
        for (Request.Part part : request.getParts()) {
            if (part.getName().equals("upload")) {
                uploads.put(resource.get("id").asText(), part.getBody().asBytes());
                resource.put("url_type", "upload");
                resource.put("url", "http://ckan.example/dataset/" + resource.get("package_id").asText() + "/resource/"
                        + resource.get("id").asText() + "/download/" + part.getFileName());
            } else if (!part.getName().equals("id") && !part.getName().equals("package_id")) {
                resource.put(part.getName(), part.getBody().asString());
            }
        }
    }

    private ObjectNode find(String idOrName) {
        ObjectNode byId = packages.get(idOrName);
        if (byId != null) {
            return byId;
        }
        return packages.values().stream().filter(p -> idOrName.equals(p.path("name").asText())).findFirst().orElse(null);
    }

    private static ObjectNode body(Request request) {
        try {
            return (ObjectNode) JSON.readTree(request.getBodyAsString());
        } catch (java.io.IOException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + request.getBodyAsString(), e);
        }
    }

    private static String required(JsonNode body, String field) {
        if (!body.hasNonNull(field) || body.get(field).asText().isEmpty()) {
            throw new Missing(field);
        }
        return body.get(field).asText();
    }

    private static String requiredPart(Request request, String field) {
        if (!request.isMultipart() || request.getPart(field) == null) {
            throw new Missing(field);
        }
        return request.getPart(field).getBody().asString();
    }

    private ResponseDefinition changed(ObjectNode pkg) {
        states.add(pkg.deepCopy());
        return ok(pkg);
    }

    private ResponseDefinition changed(ObjectNode pkg, ObjectNode result) {
        states.add(pkg.deepCopy());
        return ok(result);
    }

    private static ResponseDefinition ok(JsonNode result) {
        ObjectNode body = JSON.createObjectNode();
        body.put("help", "http://ckan.example/api/3/action/help_show");
        body.put("success", true);
        body.set("result", result.deepCopy());
        return json(200, body);
    }

    private static ResponseDefinition notFound() {
        return error(404, "Not Found Error", Map.of("message", "Not found"));
    }

    private static ResponseDefinition error(int status, String type, Map<String, Object> fields) {
        ObjectNode body = JSON.createObjectNode();
        body.put("help", "http://ckan.example/api/3/action/help_show");
        body.put("success", false);
        ObjectNode error = body.putObject("error");
        error.put("__type", type);
        fields.forEach((key, value) -> error.set(key, JSON.valueToTree(value)));
        return json(status, body);
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(body.toString()).build();
    }

    /** A required field the call lacks: CKAN's {@code get_or_bust}. */
    private static final class Missing extends RuntimeException {
        final String field;

        Missing(String field) {
            super(field, null, false, false);
            this.field = field;
        }
    }
}
