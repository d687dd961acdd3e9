package ru.gov.tomsk.opendata.feed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import ru.gov.tomsk.opendata.OpendataProperties;

/**
 * {@code validate [file-or-directory …]}: checks feed files the way the service will, without starting it
 * (no database, no Camel, no web server). Exit code 0 when every file is valid, 1 otherwise.
 * Datasource and target names are checked against the same {@code config/application.yml} the service reads.
 */
public final class FeedValidationCommand {

    public static final String NAME = "validate";

    private FeedValidationCommand() {
    }

    /** @param checks the source kinds' option checks, as the running service applies them */
    public static int run(String[] args, SourceChecks checks) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SettingsOnly.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties("logging.level.root=WARN").run()) {
            OpendataProperties properties = context.getBean(OpendataProperties.class);
            FeedParser parser = new FeedParser(FeedRules.of(properties.datasources().keySet(),
                    context.getEnvironment()::getProperty, checks.byKind())
                    .withTargets(properties.targets().keySet()));
            List<Path> files = new ArrayList<>();
            if (args.length == 0) {
                files.addAll(FeedRegistry.feedFiles(properties.feedsDir()));
            }
            for (String arg : args) {
                Path path = Path.of(arg);
                files.addAll(Files.isDirectory(path) ? FeedRegistry.feedFiles(path) : List.of(path));
            }
            if (files.isEmpty()) {
                System.err.println("No feed files found.");
                return 1;
            }
            int invalid = 0;
            for (Path file : files) {
                try {
                    parser.parse(file);
                    System.out.println("OK      " + file);
                } catch (InvalidFeedException e) {
                    invalid++;
                    System.out.println("INVALID " + file);
                    e.problems().forEach(p -> System.out.println("  " + p.departmentLine()));
                }
            }
            System.out.println(files.size() - invalid + " valid, " + invalid + " invalid");
            return invalid == 0 ? 0 : 1;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OpendataProperties.class)
    static class SettingsOnly {
    }
}
