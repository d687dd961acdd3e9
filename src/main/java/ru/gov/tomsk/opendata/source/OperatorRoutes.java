package ru.gov.tomsk.opendata.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Which Camel route files load ({@code camel.main.routes-include-pattern}): those packaged under
 * {@code classpath:routes/}, and those of a {@code routes/} folder of the working directory, which add to them or
 * replace the packaged file of the same relative name. Camel's own {@code file:} pattern fails the start when the
 * folder is missing (the jar run from any other directory), so the files are listed here, one by one.
 *
 * <p>Only the shipped default {@value #DEFAULT} is resolved; a pattern an operator sets is left to Camel.
 */
public class OperatorRoutes implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "camel.main.routes-include-pattern";
    static final String DEFAULT = "classpath:routes/**/*.camel.yaml,file:routes/**/*.camel.yaml";
    private static final String SUFFIX = ".camel.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!DEFAULT.equals(environment.getProperty(PROPERTY))) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("opendataOperatorRoutes",
                Map.of(PROPERTY, include(Path.of("routes"), new PathMatchingResourcePatternResolver()))));
    }

    /** The route files of {@code folder} and of {@code classpath:routes/}, the folder's winning by relative name. */
    static String include(Path folder, ResourcePatternResolver classpath) {
        Map<String, String> byName = new TreeMap<>();
        try {
            for (Resource packaged : classpath.getResources("classpath*:routes/**/*" + SUFFIX)) {
                String url = packaged.getURL().toString();
                String name = url.substring(url.lastIndexOf("/routes/") + "/routes/".length());
                byName.put(name, "classpath:routes/" + name);
            }
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
                            .map(f -> folder.relativize(f).toString().replace('\\', '/'))
                            .forEach(name -> byName.put(name, "file:" + folder + "/" + name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the route files (routes/, classpath:routes/)", e);
        }
        // nothing to load: a classpath pattern that matches nothing, which Camel reads as no routes (a plain name
        // that does not exist would fail the start)
        return byName.isEmpty() ? "classpath:routes/**/*" + SUFFIX : String.join(",", byName.values());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
