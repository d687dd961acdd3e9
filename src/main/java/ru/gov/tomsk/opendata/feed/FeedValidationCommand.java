package ru.gov.tomsk.opendata.feed;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;

import ru.gov.tomsk.opendata.OpendataProperties;

/**
 * {@code validate [file-or-directory …]}: checks feed files the way the service will, without starting it
 * (no Spring context, database, Camel or web server: about a second). Exit code 0 when every file is valid, 1
 * otherwise. Datasource and target names are checked against the same {@code config/application.yml} the service
 * reads. The output is for departments: the per-file verdict in Russian, each problem with its file:line:column;
 * nothing else (no banner, no log).
 */
public final class FeedValidationCommand {

    public static final String NAME = "validate";

    private FeedValidationCommand() {
    }

    /**
     * Turns the log off for the rest of the JVM: the command says all it has to say itself, and a log line (e.g. a
     * missing feeds-dir) would be noise. Only the command line's JVM calls it; {@link #run} leaves logging alone, so
     * that running the command in a JVM that goes on (a test) does not silence what runs after it.
     */
    public static void quietLogs() {
        LoggingSystem.get(FeedValidationCommand.class.getClassLoader()).setLogLevel(null, LogLevel.OFF);
    }

    /** @param checks the source kinds' option checks, as the running service applies them */
    public static int run(String[] args, SourceChecks checks) {
        return run(args, checks, dir -> MandateIndex.UNCHECKED);
    }

    /**
     * @param mandates reads the mandated-lists catalogue of a directory ({@code opendata.programme.mandates-dir}), which
     *                 the feeds' {@code mandates:} are checked against; its broken files are reported too
     */
    public static int run(String[] args, SourceChecks checks, Function<Path, MandateIndex> mandates) {
        StandardEnvironment environment = new StandardEnvironment();
        // application.yml, config/application.yml, profiles and ${…}: what the service itself would read
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        OpendataProperties properties = Binder.get(environment).bindOrCreate("opendata", OpendataProperties.class);
        MandateIndex catalogue = mandates.apply(Path.of(environment.getProperty("opendata.programme.mandates-dir",
                "config/mandates")));
        FeedParser parser = new FeedParser(FeedRules.of(properties.datasources().keySet(), environment::getProperty,
                checks.byKind()).withTargets(properties.targets().keySet()).withMandates(() -> catalogue));
        // bytes of UTF-8 whatever the locale: on a server started with LANG=C, Java 17 would print the Russian as '?'
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        List<Path> files = new ArrayList<>();
        if (args.length == 0) {
            files.addAll(FeedRegistry.feedFiles(properties.feedsDir()));
        }
        for (String arg : args) {
            Path path = Path.of(arg);
            files.addAll(Files.isDirectory(path) ? FeedRegistry.feedFiles(path) : List.of(path));
        }
        if (files.isEmpty()) {
            err.println("Файлы наборов не найдены (ожидаются *.yaml или *.yml).");
            return 1;
        }
        int invalid = 0;
        for (Path file : files) {
            try {
                parser.parse(file);
                out.println("ВЕРНО   " + file);
            } catch (InvalidFeedException e) {
                invalid++;
                out.println("ОШИБКИ  " + file);
                e.problems().forEach(p -> out.println("  " + p.departmentLine()));
            }
        }
        if (!catalogue.broken().isEmpty()) {
            // the feeds' references to its lists could not all be checked: say why
            out.println("ОШИБКИ  в каталоге обязательных перечней (ссылки на перечни проверены не полностью):");
            catalogue.broken().forEach(p -> out.println("  " + p));
        }
        out.println("Без ошибок: " + (files.size() - invalid) + ", с ошибками: " + invalid);
        return invalid == 0 ? 0 : 1;
    }
}
