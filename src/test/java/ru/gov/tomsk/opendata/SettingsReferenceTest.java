package ru.gov.tomsk.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.validation.annotation.Validated;
import org.yaml.snakeyaml.Yaml;

import ru.gov.tomsk.opendata.ops.SecurityProperties;

/**
 * One typed class per settings prefix, and the configuration reference's tables ({@code docs/configuration.md}) and
 * the shipped {@code application.yml} files say what those classes say: every setting is listed once with the class's
 * default, and no file sets a name no class binds (Spring ignores unknown names, so a misspelt one would silently keep
 * the default).
 */
class SettingsReferenceTest {

    /** The configuration reference: the one place that lists every setting. */
    private static final Path REFERENCE = Path.of("docs/configuration.md");
    /** A map key in a setting's name, {@code <name>} or {@code <login>} in the reference. */
    private static final String KEY = "<*>";
    /** A row of the reference: the keys, the defaults, the meaning. */
    private static final Pattern ROW = Pattern.compile("^\\| (`opendata\\.[^|]*) \\| ([^|]*) \\|");
    private static final Pattern LITERAL = Pattern.compile("`([^`]*)`");

    @Test
    void theReferenceListsEverySettingWithTheDefaultOfItsClass() throws IOException {
        Map<String, Optional<String>> settings = settings();
        Map<String, String> reference = reference();

        assertThat(reference.keySet()).as("settings in " + REFERENCE)
                .containsExactlyInAnyOrderElementsOf(settings.keySet());
        List<String> wrong = new ArrayList<>();
        reference.forEach((key, shown) -> {
            Optional<String> actual = settings.get(key);
            Matcher literal = LITERAL.matcher(shown);
            boolean agrees = literal.matches()
                    ? actual.isPresent() && (actual.get().equals(literal.group(1)) || literal.group(1).endsWith("…")
                            && actual.get().startsWith(literal.group(1).substring(0, literal.group(1).length() - 1)))
                    : actual.isEmpty();
            if (!agrees) {
                wrong.add(key + ": reference " + shown + ", class " + actual.orElse("no default"));
            }
        });
        assertThat(wrong).as("defaults in " + REFERENCE).isEmpty();
    }

    @Test
    void theShippedFilesSetOnlySettingsAClassBinds() throws IOException {
        List<Pattern> known = settings().keySet().stream()
                .map(key -> Pattern.compile(Pattern.quote(key).replace(KEY, "\\E[^.]+\\Q"))).toList();
        for (Path file : List.of(Path.of("config/application.yml"), Path.of("src/main/resources/application.yml"))) {
            Map<String, Object> flat = new TreeMap<>();
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object document : new Yaml().loadAll(reader)) {
                    flatten("", document, flat);
                }
            }
            assertThat(flat.keySet().stream().filter(key -> key.startsWith("opendata."))
                    .filter(key -> known.stream().noneMatch(p -> p.matcher(key).matches())))
                    .as("settings of " + file + " that no class binds").isEmpty();
        }
    }

    @Test
    void everySettingsPrefixIsBoundByOneValidatedRecord() {
        List<Class<?>> classes = settingsClasses();
        assertThat(classes).contains(OpendataProperties.class, SecurityProperties.class);
        Map<String, Class<?>> byPrefix = new TreeMap<>();
        for (Class<?> type : classes) {
            assertThat(type.isRecord()).as(type + " is a record").isTrue();
            assertThat(type.isAnnotationPresent(Validated.class)).as(type + " is @Validated").isTrue();
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            assertThat(byPrefix.put(prefix, type)).as("prefix " + prefix + " bound by " + type + " and another class")
                    .isNull();
        }
    }

    /** The classes the application's {@code @ConfigurationPropertiesScan} finds. */
    private static List<Class<?>> settingsClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        return scanner.findCandidateComponents("ru.gov.tomsk.opendata").stream()
                .<Class<?>>map(candidate -> load(candidate.getBeanClassName())).toList();
    }

    /** Every setting of every properties class, by name ({@code <*>} for a map key), with its default if it has one. */
    private static Map<String, Optional<String>> settings() {
        Map<String, Optional<String>> settings = new TreeMap<>();
        for (Class<?> type : settingsClasses()) {
            walk(type.getAnnotation(ConfigurationProperties.class).value(), type, settings);
        }
        return settings;
    }

    private static void walk(String prefix, Class<?> record, Map<String, Optional<String>> settings) {
        RecordComponent[] components = record.getRecordComponents();
        Constructor<?> canonical;
        try {
            canonical = record.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i < components.length; i++) {
            String name = prefix + "." + DataObjectPropertyName.toDashedForm(components[i].getName());
            Class<?> type = components[i].getType();
            if (Map.class.isAssignableFrom(type)) {
                Class<?> value = (Class<?>) ((ParameterizedType) components[i].getGenericType()).getActualTypeArguments()[1];
                if (isSettings(value)) {
                    walk(name + "." + KEY, value, settings);
                } else {
                    settings.put(name + "." + KEY, Optional.empty());
                }
            } else if (isSettings(type)) {
                walk(name, type, settings);
            } else {
                DefaultValue defaultValue = canonical.getParameters()[i].getAnnotation(DefaultValue.class);
                settings.put(name, Optional.ofNullable(defaultValue).map(d -> String.join(",", d.value())));
            }
        }
    }

    private static boolean isSettings(Class<?> type) {
        return type.isRecord() && type.getName().startsWith("ru.gov.tomsk.opendata.");
    }

    /** The rows: {@code `a.b.c` / `.d`} is {@code a.b.c} and {@code a.b.d}, each with its part of the defaults. */
    private static Map<String, String> reference() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            String[] keys = row.group(1).replaceAll("<[a-z-]+>", KEY).split(" / ");
            String[] defaults = row.group(2).trim().split(" / ");
            String first = keys[0].replace("`", "");
            String parent = first.substring(0, first.lastIndexOf('.'));
            for (int i = 0; i < keys.length; i++) {
                String key = i == 0 ? first : parent + keys[i].replace("`", "");
                assertThat(rows.put(key, defaults.length == keys.length ? defaults[i] : defaults[0]))
                        .as(key + " is listed once").isNull();
            }
        }
        return rows;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, flat));
        } else {
            flat.put(prefix, node);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
