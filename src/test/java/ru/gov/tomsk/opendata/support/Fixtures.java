package ru.gov.tomsk.opendata.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/** Test data: the e2e fixture database and feed files, and snapshots of a published tree. */
public final class Fixtures {

    public static final String FEED = "7017069388-fixture";

    private Fixtures() {
    }

    /** Copies a feed file from {@code src/test/resources/e2e/} into the feeds directory under the given name. */
    public static void installFeed(Path home, String resource, String fileName) throws IOException {
        try (InputStream in = new ClassPathResource("e2e/" + resource).getInputStream()) {
            Files.copy(in, TestApp.feeds(home).resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void installFixtureFeed(Path home) throws IOException {
        installFeed(home, FEED + ".yaml", FEED + ".yaml");
    }

    /** A fresh in-memory H2 source database loaded with the fixture; returns its JDBC URL. */
    public static String h2Source() {
        String url = "jdbc:h2:mem:fixture-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("e2e/fixture.sql"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url;
    }

    public static void loadFixture(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("e2e/fixture.sql"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an SQL script of the test resources on a source database (user sa, no password). */
    public static void runScript(String url, String resource) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource(resource));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> sourceProperties(String url, String user, String password) {
        return Map.of("opendata.datasources.fixture.url", url,
                "opendata.datasources.fixture.username", user,
                "opendata.datasources.fixture.password", password);
    }

    /** Every file of a tree with the SHA-256 of its content, to prove that nothing changed. */
    public static Map<String, String> snapshot(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                files.put(root.relativize(file).toString(), HexFormat.of().formatHex(digest));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    public static java.util.List<String> lines(Path file) {
        try {
            return java.util.Arrays.asList(Files.readString(file).split("\r\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
