package ru.gov.tomsk.opendata.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds of {@code config/feeds/}: the valid ones, ready to run, and the broken ones with their
 * problems. A broken file never stops the others from loading.
 */
public class FeedRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(FeedRegistry.class);

    private final Path directory;
    private final FeedParser parser;
    private final Map<String, FeedDefinition> feeds = new ConcurrentHashMap<>();
    private final Map<String, InvalidFeedException> broken = new ConcurrentHashMap<>();

    public FeedRegistry(Path directory, FeedRules rules) {
        this.directory = directory;
        this.parser = new FeedParser(rules);
    }

    /** Loads every feed file; returns what was loaded. */
    public synchronized void load() {
        feeds.clear();
        broken.clear();
        for (Path file : feedFiles(directory)) {
            String id = feedId(file);
            try {
                FeedDefinition feed = parser.parse(file);
                feeds.put(feed.identifier(), feed);
            } catch (InvalidFeedException e) {
                broken.put(id, e);
                LOG.error("Feed file is invalid and will not run; the other feeds are not affected:\n{}", e.getMessage());
            }
        }
        LOG.info("Loaded {} feed(s) from {}{}", feeds.size(), directory,
                broken.isEmpty() ? "" : "; " + broken.size() + " invalid: " + String.join(", ", new TreeMap<>(broken).keySet()));
    }

    public Collection<FeedDefinition> feeds() {
        return new TreeMap<>(feeds).values();
    }

    public Optional<FeedDefinition> feed(String identifier) {
        return Optional.ofNullable(feeds.get(identifier));
    }

    /** Broken feed files by feed id (the file name without extension). */
    public Map<String, InvalidFeedException> broken() {
        return new TreeMap<>(broken);
    }

    public Path directory() {
        return directory;
    }

    public static String feedId(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /** The feed files of a directory, in name order; files starting with a dot are ignored. */
    public static List<Path> feedFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            LOG.warn("Feed directory {} does not exist; no feeds are loaded", directory.toAbsolutePath());
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> result = new ArrayList<>(files
                    .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches("[^.].*\\.ya?ml"))
                    .sorted().toList());
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list feed directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
