package ru.gov.tomsk.opendata.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

/**
 * The source kinds come from their Kamelets on the classpath, and a Kamelet of the same name in the first location
 * replaces the packaged one. Each Kamelet's route uses every parameter it declares, and the parameters the service
 * supplies are no options of a feed file.
 */
class SourceKindsTest {

    @TempDir
    Path overrides;

    @Test
    void thePackagedKameletsDefineEveryKind() {
        Map<String, SourceKind> kinds = SourceKinds.load("classpath:kamelets");

        assertThat(kinds).containsOnlyKeys("file", "ftp", "http", "push", "section", "sftp", "sql");
        SourceKind ftp = kinds.get("ftp");
        assertThat(ftp.title()).isEqualTo("File drop (FTP)");
        assertThat(ftp.consumer()).isEqualTo("ftp");
        assertThat(ftp.firedByQuartz()).isTrue();
        assertThat(ftp.required()).containsExactly("directory", "format", "host", "password", "username");
        assertThat(ftp.option("password").orElseThrow().secret()).isTrue();
        assertThat(ftp.option("port").orElseThrow()).extracting(SourceOption::type, SourceOption::defaultValue)
                .containsExactly("integer", "21");
        assertThat(ftp.option("format").orElseThrow().allowed()).containsExactly("csv", "json", "xml", "xlsx");
        assertThat(ftp.serviceParameters()).contains("feedId", "cron", "timeZone", "noop", "idempotent");
        assertThat(ftp.names()).doesNotContainAnyElementsOf(ftp.serviceParameters());
        // the region's zone is the service's one setting: no scheduled Kamelet has a zone of its own
        kinds.values().stream().filter(SourceKind::firedByQuartz)
                .forEach(kind -> assertThat(kind.serviceParameters()).as(kind.name()).contains("timeZone"));
        // a push feed is not scheduled: its system sends the data, and its schedule is a deadline watch only
        SourceKind push = kinds.get("push");
        assertThat(push.consumer()).isEqualTo("direct");
        assertThat(push.firedByQuartz()).isFalse();
        assertThat(push.required()).containsExactly("format");
    }

    @Test
    void eachKameletsRouteUsesEveryParameterItDeclaresAndEndsAtItsSink() throws IOException {
        for (SourceKind kind : SourceKinds.load("classpath:kamelets").values()) {
            String text;
            try (InputStream in = new ClassPathResource("kamelets/" + kind.templateId() + ".kamelet.yaml").getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String template = text.substring(text.indexOf("\n  template:"));
            for (String parameter : concat(kind.names(), kind.serviceParameters())) {
                assertThat(template).as("%s uses %s", kind.templateId(), parameter)
                        .containsAnyOf("{{" + parameter + "}}", "{{?" + parameter + "}}");
            }
            assertThat(template).as(kind.templateId()).contains("- to: kamelet:sink")
                    .contains("routeConfigurationId: \"{{routeConfiguration}}\"")
                    .doesNotContain("Asia/Tomsk").doesNotContain("data/work");
        }
    }

    @Test
    void aKameletInTheFirstLocationReplacesThePackagedOne() throws IOException {
        String packaged;
        try (InputStream in = new ClassPathResource("kamelets/sql-source.kamelet.yaml").getInputStream()) {
            packaged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(overrides.resolve("sql-source.kamelet.yaml"),
                packaged.replace("title: SQL query", "title: SQL query (local)"));

        Map<String, SourceKind> kinds = SourceKinds.load("file:" + overrides + ",classpath:kamelets");

        assertThat(kinds.get("sql").title()).isEqualTo("SQL query (local)");
        assertThat(kinds.get("http").title()).isEqualTo("HTTP API (JSON)");
        assertThat(SourceKinds.load("file:" + overrides.resolve("absent") + ",classpath:kamelets").get("sql").title())
                .isEqualTo("SQL query");
    }

    private static java.util.List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        java.util.List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
