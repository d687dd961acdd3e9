package ru.gov.tomsk.opendata.publish;


import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ru.gov.tomsk.opendata.format.CsvReader;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.TestApp;

/** What the publish tests look at: a target's mirror tree, its links, and the outbox rows. */
final class Mirror {

    /** TestApp's {@code opendata.base-url}: every link in passports and the registry starts with it. */
    static final String BASE_URL = "https://opendata.example.ru/opendata/";

    private Mirror() {
    }

    /** The properties of a directory target named {@code name} mirroring into {@code path}, polled every 100 ms. */
    static Map<String, Object> directoryTarget(String name, Path path) {
        Map<String, Object> props = new HashMap<>();
        props.put("opendata.targets." + name + ".kind", "directory");
        props.put("opendata.targets." + name + ".path", path.toString());
        props.put("opendata.outbox.poll-interval", "100ms");
        return props;
    }

    /**
     * The properties of a server target ({@code kind} ftp or sftp) named {@code name}, polled every 100 ms: where
     * it is and who logs in; the test adds how (password, key, known hosts).
     */
    static Map<String, Object> serverTarget(String name, String kind, String host, int port, String user, String directory) {
        Map<String, Object> props = new HashMap<>();
        String prefix = "opendata.targets." + name + ".";
        props.put(prefix + "kind", kind);
        props.put(prefix + "remote.host", host);
        props.put(prefix + "remote.port", String.valueOf(port));
        props.put(prefix + "remote.username", user);
        props.put(prefix + "remote.directory", directory);
        props.put("opendata.outbox.poll-interval", "100ms");
        return props;
    }

    /**
     * The fixture feed installed in {@code home}, reading {@code source}, and a directory target {@code name}
     * mirroring into {@code path}: the properties to start the application with.
     */
    static Map<String, Object> fixtureFeedTo(Path home, String source, String name, Path path) throws IOException {
        Map<String, Object> props = directoryTarget(name, path);
        props.putAll(Fixtures.sourceProperties(source, "sa", ""));
        Fixtures.installFixtureFeed(home);
        return props;
    }

    /** Every file of a tree with its SHA-256, except hidden ones (held versions, temporary files). */
    static Map<String, String> visible(Path root) {
        Map<String, String> files = new TreeMap<>(Fixtures.snapshot(root));
        files.keySet().removeIf(Mirror::hidden);
        return files;
    }

    static boolean hidden(String relativePath) {
        for (String segment : relativePath.split("[/\\\\]")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Links of the mirror's registry and passports that lead nowhere in the mirror: a registry row whose
     * {@code meta.csv} is missing, a passport row whose data or structure file is missing.
     */
    static List<String> brokenLinks(Path root) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String link : links(root.resolve("list.csv"), 2)) {
            Path meta = local(root, link);
            if (!Files.isRegularFile(meta)) {
                broken.add("list.csv → " + link);
                continue;
            }
            for (String file : links(meta, 1)) {
                if (!Files.isRegularFile(local(root, file))) {
                    broken.add(root.relativize(meta) + " → " + file);
                }
            }
        }
        return broken;
    }

    /** The URLs in one column of a registry or passport (rows whose value is a link of ours). */
    private static List<String> links(Path csv, int column) throws IOException {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<String> links = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text))) {
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                if (row.length > column && row[column].startsWith(BASE_URL)) {
                    links.add(row[column]);
                }
            }
        }
        return links;
    }

    private static Path local(Path root, String url) {
        return root.resolve(url.substring(BASE_URL.length()));
    }

    /**
     * Checks the mirror's links over and over while deliveries write it, as a reader of the portal would see it
     * at any moment. Collects every broken link it ever saw.
     */
    static final class LinkWatcher implements AutoCloseable {
        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        private final Set<String> seen = new ConcurrentSkipListSet<>();
        private volatile long checks;

        LinkWatcher(Path root) {
            executor.scheduleWithFixedDelay(() -> {
                try {
                    seen.addAll(brokenLinks(root));
                } catch (IOException | RuntimeException e) {
                    seen.add("unreadable: " + e);
                }
                checks++;
            }, 0, 1, TimeUnit.MILLISECONDS);
        }

        /** Broken links seen so far; waits for one more complete check first. */
        Set<String> broken() {
            long now = checks;
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> checks > now + 1);
            return Set.copyOf(seen);
        }

        @Override
        public void close() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Waits until the delivery of a version to a target reaches the status, and returns it. */
    static Delivery await(TestApp app, String identifier, String version, String target, DeliveryStatus status) {
        return await(app, identifier, version, target, d -> d.status() == status);
    }

    static Delivery await(TestApp app, String identifier, String version, String target,
                          java.util.function.Predicate<Delivery> condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> find(app, identifier, version, target).filter(condition).isPresent());
        return find(app, identifier, version, target).orElseThrow();
    }

    static java.util.Optional<Delivery> find(TestApp app, String identifier, String version, String target) {
        return app.bean(Outbox.class).deliveries(identifier).stream()
                .filter(d -> d.dataVersion().equals(version) && d.target().equals(target)).findFirst();
    }

    static List<Delivery> deliveries(TestApp app, String identifier) {
        return app.bean(Outbox.class).deliveries(identifier);
    }

    static Path portal(Path home) {
        return TestApp.portal(home);
    }
}
