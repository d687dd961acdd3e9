package ru.gov.tomsk.opendata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Route files: the packaged ones, and a routes/ folder that adds files or replaces a packaged one of the same name. */
class OperatorRoutesTest {

    @TempDir
    Path dir;

    @Test
    void theFolderAddsAndReplacesPackagedRoutesByName() throws IOException {
        Path jar = dir.resolve("jar");
        write(jar.resolve("routes/audit.camel.yaml"));
        write(jar.resolve("routes/extra/export.camel.yaml"));
        Path folder = dir.resolve("routes");
        write(folder.resolve("extra/export.camel.yaml"));
        write(folder.resolve("local.camel.yaml"));
        write(folder.resolve("kamelets/sql-source.kamelet.yaml"));

        try (URLClassLoader packaged = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(OperatorRoutes.include(folder, new PathMatchingResourcePatternResolver(packaged))).isEqualTo(
                    "classpath:routes/audit.camel.yaml,file:" + folder + "/extra/export.camel.yaml,file:" + folder
                            + "/local.camel.yaml");
        }
    }

    @Test
    void withoutFolderOrPackagedRoutesNothingLoadsAndNothingFails() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(OperatorRoutes.include(dir.resolve("routes"), new PathMatchingResourcePatternResolver(empty)))
                    .isEqualTo("classpath:routes/**/*.camel.yaml");
        }
    }

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "- route: {from: {uri: timer:x}}\n");
    }
}
