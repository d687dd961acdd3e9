package ru.gov.tomsk.opendata.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** {@code promtool check metrics}, when Prometheus' promtool is on the PATH (Debian: package {@code prometheus}). */
final class Promtool {

    private Promtool() {
    }

    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable).findFirst();
    }

    /** The problems promtool prints for the exposition, one {@code "<family> <message>"} per line, without repeats. */
    static Set<String> checkMetrics(Path promtool, String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish");
        }
        // 0: clean, 3: lint problems; anything else (1: unparsable input) is not an answer about names
        if (process.exitValue() != 0 && process.exitValue() != 3) {
            throw new IllegalStateException("promtool check metrics failed (" + process.exitValue() + "): " + output);
        }
        Set<String> problems = new TreeSet<>();
        output.lines().filter(l -> !l.isBlank()).forEach(problems::add);
        return problems;
    }
}
