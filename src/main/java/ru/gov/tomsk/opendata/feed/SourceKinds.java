package ru.gov.tomsk.opendata.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The source kinds this service runs, read from their Kamelets ({@code <kind>-source.kamelet.yaml}), which are their
 * only definition: a feed file is checked against the Kamelet's {@code spec.definition}, and its route is the
 * Kamelet's template. The locations are those of {@code camel.component.kamelet.location}, searched the way Camel
 * searches them: the first location holding a Kamelet of a name wins, so a file in {@code routes/kamelets/} of the
 * working directory replaces the packaged one.
 *
 * <p>A property the service supplies (feed identifier, schedule, zone, and what a dry run switches) carries the
 * descriptor {@value #SERVICE_DESCRIPTOR} in its {@code x-descriptors}: it is not an option of the feed file.
 */
public final class SourceKinds {

    /** The kind whose data its information system sends (see {@link FeedDefinition#pushed()}). */
    public static final String PUSH = "push";
    /** The default of {@code camel.component.kamelet.location} in application.yml. */
    public static final String DEFAULT_LOCATIONS = "file:routes/kamelets,classpath:kamelets";
    public static final String SERVICE_DESCRIPTOR = "urn:opendata:service";
    private static final String SUFFIX = "-source.kamelet.yaml";

    private SourceKinds() {
    }

    /** The kinds of the default locations. */
    public static Collection<SourceKind> builtIn() {
        return load(DEFAULT_LOCATIONS).values();
    }

    /** Every {@code *-source.kamelet.yaml} of the comma-separated locations, by kind name. */
    public static Map<String, SourceKind> load(String locations) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<String, SourceKind> kinds = new TreeMap<>();
        for (String location : locations.split(",")) {
            String base = location.strip();
            if (base.isEmpty()) {
                continue;
            }
            String pattern = (base.startsWith("classpath:") ? "classpath*:" + base.substring("classpath:".length()) : base)
                    .replaceFirst("/$", "") + "/*" + SUFFIX;
            try {
                for (Resource resource : resolver.getResources(pattern)) {
                    String file = resource.getFilename();
                    String name = file.substring(0, file.length() - SUFFIX.length());
                    if (!kinds.containsKey(name)) {
                        try (InputStream in = resource.getInputStream()) {
                            kinds.put(name, parse(name, in, resource.getDescription()));
                        }
                    }
                }
            } catch (java.io.FileNotFoundException e) {
                // a location that does not exist (no override directory) holds no Kamelet
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the source kinds' Kamelets in " + base, e);
            }
        }
        return kinds;
    }

    /** One Kamelet; {@code where} names it in messages. */
    @SuppressWarnings("unchecked")
    static SourceKind parse(String name, InputStream in, String where) {
        Map<String, Object> kamelet = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        Map<String, Object> spec = map(kamelet, "spec", where);
        Map<String, Object> definition = map(spec, "definition", where);
        Set<String> required = new HashSet<>((List<String>) definition.getOrDefault("required", List.of()));
        Map<String, Object> properties = map(definition, "properties", where);
        List<SourceOption> options = new ArrayList<>();
        Set<String> service = new HashSet<>();
        properties.forEach((option, value) -> {
            Map<String, Object> p = value == null ? Map.of() : (Map<String, Object>) value;
            List<Object> descriptors = (List<Object>) p.getOrDefault("x-descriptors", List.of());
            if (descriptors.contains(SERVICE_DESCRIPTOR)) {
                service.add(option);
                return;
            }
            Object defaultValue = p.get("default");
            List<String> allowed = ((List<Object>) p.getOrDefault("enum", List.of())).stream().map(String::valueOf).toList();
            options.add(new SourceOption(option, (String) p.get("title"), (String) p.get("description"),
                    // an empty default only lets the template's placeholder resolve: the option is not given
                    required.contains(option), defaultValue == null || "".equals(defaultValue) ? null
                            : String.valueOf(defaultValue),
                    "password".equals(p.get("format")), (String) p.get("type"), allowed));
        });
        Map<String, Object> template = map(spec, "template", where);
        Map<String, Object> route = template.containsKey("route") ? map(template, "route", where) : template;
        String uri = String.valueOf(map(route, "from", where).get("uri"));
        return new SourceKind(name, (String) definition.get("title"), (String) definition.get("description"), options,
                service, uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key, String where) {
        Object value = parent == null ? null : parent.get(key);
        if (!(value instanceof Map)) {
            throw new IllegalStateException(where + ": the Kamelet has no " + key + " mapping");
        }
        return new LinkedHashMap<>((Map<String, Object>) value);
    }
}
