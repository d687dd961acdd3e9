package ru.gov.tomsk.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * With the service's logging configuration (application.yml), a multi-line message and an exception with a cause
 * are one line each, on the console and in the log file: {@code grep ERROR} keeps the feed file's file:line, the
 * message and the stack trace together.
 */
@ExtendWith(OutputCaptureExtension.class)
class OneLineLogTest {

    @TempDir
    Path home;

    @Test
    void everyEventIsOneLineWithItsStackTrace(CapturedOutput output) throws Exception {
        Path logFile = home.resolve("opendata.log");
        // the logging system is set up before TestApp's properties apply; a system property is read in time
        System.setProperty("logging.file.name", logFile.toString());
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-04-10T05:00:00Z")), Map.of())) {
            Exception failure = new IllegalStateException("reload failed\nsecond line",
                    new java.io.IOException("disk gone"));
            LoggerFactory.getLogger("ru.gov.tomsk.opendata.test").error(
                    "Feed file config/feeds/x.yaml:12:5: structure.key: unknown field 'idd'\n  and a second problem", failure);
        } finally {
            System.clearProperty("logging.file.name");
        }
        for (String text : List.of(output.getOut(), java.nio.file.Files.readString(logFile))) {
            List<String> lines = text.lines().filter(line -> line.contains("Feed file config/feeds/x.yaml")).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains(" ERROR ")
                    .contains("Feed file config/feeds/x.yaml:12:5: structure.key: unknown field 'idd' | and a second problem"
                            + " | java.lang.IllegalStateException: reload failed | second line"
                            + " | at ru.gov.tomsk.opendata.OneLineLogTest.everyEventIsOneLineWithItsStackTrace(OneLineLogTest.java:")
                    .contains(" | Caused by: java.io.IOException: disk gone | ")
                    .doesNotEndWith(" | ");
            assertThat(text.lines()).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:"));
        }
    }
}
