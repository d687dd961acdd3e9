package ru.gov.tomsk.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.catalog.web.OpendataPagesProperties;
import ru.gov.tomsk.opendata.ops.SecurityProperties;

/**
 * A wrong setting stops the start, and what the operator reads names the setting. Only the settings classes are
 * started (no database, no Camel, no web server), with the shipped {@code application.yml} files underneath.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsValidationTest {

    @Test
    void theShippedSettingsAndEveryDefaultPassTheirOwnChecks() {
        try (ConfigurableApplicationContext context = start()) {
            OpendataProperties opendata = context.getBean(OpendataProperties.class);
            assertThat(opendata.timeZone()).isEqualTo(ZoneId.of("Asia/Tomsk"));
            assertThat(opendata.targets()).containsOnlyKeys("regional", "federal");
            assertThat(opendata.nodeId()).isNull();
            assertThat(context.getBean(SecurityProperties.class).login().maxFailures()).isEqualTo(5);
            assertThat(context.getBean(OpendataPagesProperties.class).title()).isEqualTo("Открытые данные Томской области");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            opendata.feeds-reload.interval                 | -5s           | must be a duration longer than zero
            opendata.outbox.poll-interval                  | 0s            | must be a duration longer than zero
            opendata.dry-run.max-rows                      | 0             | must be greater than 0
            opendata.security.login.window                 | -1m           | must be a duration longer than zero
            opendata.security.tokens.max-lifetime          | 12h           | must be at least one day (1d)
            opendata.deadlines.warn-days                   | -1            | must be greater than or equal to 0
            opendata.pages.title                           | ' '           | must not be blank
            opendata.base-url                              | ftp://portal/ | must be an http(s) address
            opendata.node-id                               | node 1        | must be letters, digits
            opendata.datasources.situation-centre.max-pool-size | 0        | must be greater than 0
            opendata.targets.regional.remote.port          | 70000         | must be less than or equal to 65535
            opendata.targets.federal.timeout               | -30s          | must be a duration longer than zero
            """)
    void aWrongValueStopsTheStartNamingTheSetting(String property, String value, String reason, CapturedOutput output) {
        assertThatThrownBy(() -> start(property + "=" + value).close()).isNotNull();

        assertThat(output.getAll()).contains("A setting is wrong:")
                .contains("\n    " + property + ": " + reason)
                .contains("\n        set in \"" + property + "\" from property source \"commandLineArgs\"")
                .as("Spring's own report, which echoes the value").doesNotContain("Value: ");
    }

    @Test
    void aWrongValueInAFileIsShownAtItsLineAndEveryWrongValueAtOnce(@TempDir Path dir, CapturedOutput output)
            throws IOException {
        Path file = Files.writeString(dir.resolve("settings.yml"), """
                opendata:
                  outbox:
                    lease: -1m
                  targets:
                    regional:
                      connect-timeout: 0s
                """);

        assertThatThrownBy(() -> start("spring.config.additional-location=file:" + file).close()).isNotNull();

        assertThat(output.getAll())
                .contains("\n    opendata.outbox.lease: must be a duration longer than zero, e.g. 30s\n        set in URL [file:"
                        + file + "] - 3:12")
                .contains("\n    opendata.targets.regional.connect-timeout: must be a duration longer than zero, e.g. 30s\n"
                        + "        set in URL [file:" + file + "] - 6:24");
    }

    @Test
    void anUnknownZoneStopsTheStartNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("opendata.time-zone=Asia/Tomskk").close()).isNotNull();

        assertThat(output.getAll()).contains("Property: opendata.time-zone\n")
                .contains("Unknown time-zone ID: Asia/Tomskk");
    }

    /** Every settings class of the service, as the application scans them, and nothing else. */
    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run(Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("ru.gov.tomsk.opendata")
    static class SettingsOnly {
    }
}
