package ru.gov.tomsk.opendata;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar ({@code target/opendata-bridge.jar}), run as an operator runs it, in a directory of its own:
 * it starts from an empty directory, refuses a bad setting with a short block and no stack trace, and
 * {@code validate} prints the verdicts and nothing else. Runs after {@code package} (surefire execution
 * {@code jar-it}, which sets {@code opendata.test.jar}); skipped in a plain test run.
 */
class StandaloneJarIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // the starts of a loaded build machine; a normal one needs a tenth of it
    private static final Duration START = Duration.ofMinutes(3);

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void theBuiltJar() {
        String property = System.getProperty("opendata.test.jar");
        Assumptions.assumeTrue(property != null, "opendata.test.jar is set by the jar-it execution, after package");
        jar = Path.of(property).toAbsolutePath();
        assertThat(jar).as("built by package").isRegularFile();
    }

    @Test
    void startsFromAnEmptyDirectoryAndServesTheSection() throws Exception {
        int port = freePort();
        Process service = start(List.of("--server.port=" + port));
        try {
            await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> status(port, "/actuator/health/readiness") == 200
                    || !service.isAlive());
            assertThat(service.isAlive()).as(output()).isTrue();
            HttpResponse<String> section = get(port, "/opendata/");
            assertThat(section.statusCode()).isEqualTo(200);
            assertThat(get(port, "/opendata/list.csv").body())
                    .startsWith("property,title,value,format\r\nstandardversion,");
        } finally {
            service.destroy();
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        }
        String output = output();
        assertThat(output).doesNotContain("NoSuchFileException").doesNotContain("APPLICATION FAILED")
                .contains("Tomcat started on port " + port);
        assertThat(dir.resolve("data/portal/opendata/list.csv")).isRegularFile();
        assertOneLineEvents(output);
    }

    @Test
    void aDemoPasswordOutsideTheDemoIsRefusedInAShortBlock() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/application.yml"), """
                opendata:
                  security:
                    users:
                      admin:
                        password-hash: "$2a$10$JHSBmlclDSzAd7f8NG49C.eqvLtQeSofYi/Pu/xbsBOiuhvBdo.LK"
                        roles: [ADMIN]
                """);

        String output = refused(List.of("--server.port=" + freePort()));

        assertThat(output).contains("""
                opendata-bridge did not start.

                opendata.security.users.admin has a demo or default password, and the 'demo' profile is not active.\
                 Give each account its own password-hash (bcrypt) from the environment, or remove it.

                What to do: Correct the setting in config/application.yml or in its environment variable, then start\
                 again.""");
    }

    @Test
    void aPortInUseIsRefusedInAShortBlock() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String output = refused(List.of("--server.port=" + taken.getLocalPort()));

            assertThat(output).contains("opendata-bridge did not start.")
                    .contains("Port " + taken.getLocalPort() + " was already in use.");
        }
    }

    @Test
    void anUnreachableStateDatabaseIsRefusedInAShortBlock() throws Exception {
        int closed = freePort();
        String output = refused(List.of("--server.port=" + freePort(),
                "--spring.datasource.url=jdbc:postgresql://localhost:" + closed + "/opendata",
                "--spring.datasource.username=opendata", "--spring.datasource.password=secret"));

        assertThat(output).contains("opendata-bridge did not start.", "The state database cannot be reached: "
                + "jdbc:postgresql://localhost:" + closed + "/opendata").doesNotContain("secret");
    }

    @Test
    void validatePrintsTheVerdictsAndNothingElse() throws Exception {
        Path valid = Files.copy(Path.of("config/feeds/7017069388-schools.yaml"), dir.resolve("7017069388-schools.yaml"));
        Path broken = Files.writeString(dir.resolve("7017069388-broken.yaml"), Files.readString(valid, UTF_8)
                .replace("7017069388-schools", "7017069388-broken").replace("frequency: quarterly", "frequency: sometimes"), UTF_8);
        int line = Files.readAllLines(broken, UTF_8).indexOf("frequency: sometimes") + 1;
        Files.createDirectories(dir.resolve("config"));
        Files.copy(Path.of("config/application.yml"), dir.resolve("config/application.yml"));

        Run ok = run(List.of("validate", valid.getFileName().toString()));
        assertThat(ok.exitCode).isZero();
        assertThat(ok.output).isEqualTo("ВЕРНО   7017069388-schools.yaml\nБез ошибок: 1, с ошибками: 0\n");

        Run invalid = run(List.of("validate", "7017069388-broken.yaml", "7017069388-schools.yaml", "missing.yaml"));
        assertThat(invalid.exitCode).isEqualTo(1);
        List<String> lines = invalid.output.lines().toList();
        assertThat(lines.get(0)).isEqualTo("ОШИБКИ  7017069388-broken.yaml");
        assertThat(lines.get(1)).startsWith("  7017069388-broken.yaml:" + line + ":12: frequency: ");
        assertThat(lines.subList(2, lines.size())).containsExactly(
                "ВЕРНО   7017069388-schools.yaml",
                "ОШИБКИ  missing.yaml",
                lines.get(4),
                "Без ошибок: 1, с ошибками: 2");
        assertThat(lines.get(4)).startsWith("  missing.yaml: ");
    }

    private String refused(List<String> args) throws Exception {
        Process service = start(args);
        assertThat(service.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("gave up").isTrue();
        String output = output();
        assertThat(service.exitValue()).as(output).isNotZero();
        assertThat(output).doesNotContain("APPLICATION FAILED TO START", "Application run failed");
        assertOneLineEvents(output);
        return output;
    }

    /** Every log event is one line: no stack trace lines of their own. */
    private static void assertOneLineEvents(String output) {
        assertThat(output.lines()).as(output).noneMatch(line -> line.matches("\\s+at [a-z].*|Caused by: .*|\\s+\\.\\.\\. \\d+ more"));
    }

    private Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        if (args.get(0).equals("validate")) {
            // as under cron or a minimal container: no UTF-8 locale, yet the Russian must come out intact
            builder.environment().put("LANG", "C");
            builder.environment().put("LC_ALL", "C");
        }
        return builder.start();
    }

    private record Run(int exitCode, String output) {
    }

    private Run run(List<String> args) throws Exception {
        Process command = start(args);
        assertThat(command.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(command.exitValue(), output());
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("output.txt"), UTF_8);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int status(int port, String path) {
        try {
            return get(port, path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
