package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import ru.gov.tomsk.opendata.feed.SourceKind;
import ru.gov.tomsk.opendata.feed.SourceKinds;
import ru.gov.tomsk.opendata.feed.SourceOption;

/**
 * The options a feed may give a source kind and the parameters of that kind's route template are
 * one contract written in two places; this keeps them in step (names, required, defaults, descriptions).
 */
class SourceTemplatesTest {

    /** Parameters the service itself supplies to every template. */
    static final List<String> SUPPLIED = List.of("feedId", "cron", "timeZone");

    @TestFactory
    Stream<DynamicTest> everySourceKindHasATemplateWithExactlyItsOptions() {
        return SourceKinds.builtIn().stream().map(kind -> DynamicTest.dynamicTest(kind.name(), () -> {
            Map<String, Map<String, Object>> parameters = templateParameters(kind);
            assertThat(parameters.keySet()).containsAll(SUPPLIED);
            SUPPLIED.forEach(parameters::remove);
            assertThat(parameters.keySet()).as("template parameters of %s", kind.templateId()).isEqualTo(kind.names());
            for (SourceOption option : kind.options()) {
                Map<String, Object> parameter = parameters.get(option.name());
                assertThat(Boolean.TRUE.equals(parameter.get("required"))).as(option.name() + " required")
                        .isEqualTo(option.required());
                assertThat(parameter.get("defaultValue") == null ? null : String.valueOf(parameter.get("defaultValue")))
                        .as(option.name() + " default").isEqualTo(option.defaultValue());
                assertThat((String) parameter.get("description")).as(option.name() + " description").isNotBlank();
                if (option.secret()) {
                    assertThat((String) parameter.get("description")).as(option.name() + " is marked secret")
                            .startsWith("Secret.");
                }
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> templateParameters(SourceKind kind) throws IOException {
        Path file = Path.of("routes/templates", kind.templateId() + ".camel.yaml");
        assertThat(file).as("route template of source kind %s", kind.name()).exists();
        List<Map<String, Object>> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        Map<String, Object> template = (Map<String, Object>) document.stream()
                .filter(item -> item.containsKey("routeTemplate")).findFirst().orElseThrow().get("routeTemplate");
        assertThat(template.get("id")).isEqualTo(kind.templateId());
        Map<String, Map<String, Object>> parameters = new TreeMap<>();
        for (Map<String, Object> parameter : (List<Map<String, Object>>) template.get("parameters")) {
            parameters.put((String) parameter.get("name"), parameter);
        }
        return parameters;
    }
}
