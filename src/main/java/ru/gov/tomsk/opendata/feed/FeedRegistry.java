package ru.gov.tomsk.opendata.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds of {@code config/feeds/}: the valid ones, ready to run, and the broken ones with their
 * problems. A broken file never stops the others from loading.
 *
 * <p>After {@link #load()} at start-up, {@link #scan()} finds the files that were added, edited or removed since,
 * and {@link #accept(FeedChange)} records a change once it is in effect. A broken edit of a feed that runs keeps
 * the previous definition in {@link #feeds()} and puts the problem in {@link #broken()}: the feed is in both
 * until its file is fixed.
 */
public class FeedRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(FeedRegistry.class);
    /** What a file that is not there looks like to {@link #scan()}. */
    private static final String ABSENT = "absent";

    private final Path directory;
    private final FeedParser parser;
    private final Map<String, FeedDefinition> feeds = new ConcurrentHashMap<>();
    private final Map<String, InvalidFeedException> broken = new ConcurrentHashMap<>();
    /** By feed id: the content hash of the file as last taken into account, valid or broken. */
    private final Map<String, String> taken = new HashMap<>();
    /** By feed id: the content hash of the file the running definition was read from. */
    private final Map<String, String> running = new HashMap<>();
    /** By feed id: size, modification time and content hash at the previous scan. */
    private Map<String, String> lastSeen = new HashMap<>();
    private boolean directoryMissing;

    public FeedRegistry(Path directory, FeedRules rules) {
        this.directory = directory;
        this.parser = new FeedParser(rules);
    }

    /** Loads every feed file, forgetting what was loaded before. */
    public synchronized void load() {
        feeds.clear();
        broken.clear();
        taken.clear();
        running.clear();
        lastSeen = new HashMap<>();
        for (Path file : feedFiles(directory)) {
            String id = feedId(file);
            String observation = observe(file);
            try {
                FeedDefinition feed = parser.parse(file);
                feeds.put(feed.identifier(), feed);
                remember(id, observation, true);
            } catch (InvalidFeedException e) {
                broken.put(id, e);
                remember(id, observation, false);
                LOG.error("Feed file is invalid and will not run; the other feeds are not affected: {}", e.oneLine());
            }
        }
        LOG.info("Loaded {} feed(s) from {}{}", feeds.size(), directory,
                broken.isEmpty() ? "" : "; " + broken.size() + " invalid: " + String.join(", ", new TreeMap<>(broken).keySet()));
    }

    private void remember(String id, String observation, boolean valid) {
        if (observation == null) {
            return; // vanished while loaded: the next scans find out what became of it
        }
        lastSeen.put(id, observation);
        taken.put(id, hashOf(observation));
        if (valid) {
            running.put(id, hashOf(observation));
        }
    }

    /**
     * The feed files that differ from what the registry holds, in feed order; the registry itself is not changed.
     *
     * <p>A file counts only once it looks the same (size, modification time and content hash) at two scans in a
     * row, so a file still being written, copied or saved by an editor is never read half-way; a file that
     * disappears counts as removed only once it was absent at two scans, so an editor that replaces a file by
     * renaming does not remove its feed for a moment. Changed means the content hash differs: touching a file
     * changes nothing. A directory that cannot be listed (an unmounted share) is not taken for an empty one.
     */
    public synchronized List<FeedChange> scan() {
        Map<String, Path> files = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            if (!directoryMissing) {
                LOG.warn("Feed directory {} is not there; the feeds keep running as they are until it is back",
                        directory.toAbsolutePath());
                directoryMissing = true;
            }
            return List.of();
        }
        try {
            for (Path file : listFeedFiles(directory)) {
                files.putIfAbsent(feedId(file), file);
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the feed directory {}; the feeds keep running as they are: {}", directory, e.toString());
            return List.of();
        }
        if (directoryMissing) {
            LOG.info("Feed directory {} is back", directory.toAbsolutePath());
            directoryMissing = false;
        }
        TreeSet<String> ids = new TreeSet<>(files.keySet());
        ids.addAll(taken.keySet());
        Map<String, String> seen = new HashMap<>();
        List<FeedChange> changes = new ArrayList<>();
        for (String id : ids) {
            Path file = files.get(id);
            String observation = file == null ? ABSENT : observe(file);
            String previous = lastSeen.get(id);
            if (observation == null) {
                continue; // gone between listing and reading: look again at the next scan
            }
            seen.put(id, observation);
            if (!observation.equals(previous)) {
                continue; // new or still changing: read it once it stays as it is
            }
            if (file == null) {
                changes.add(FeedChange.removed(id, feeds.get(id)));
                seen.remove(id);
            } else if (!hashOf(observation).equals(taken.get(id))) {
                FeedChange change = read(id, file, observation);
                if (change == null) {
                    seen.remove(id); // changed while being read
                } else {
                    changes.add(change);
                }
            }
        }
        lastSeen = seen;
        return changes;
    }

    private FeedChange read(String id, Path file, String observation) {
        String hash = hashOf(observation);
        FeedDefinition previous = feeds.get(id);
        FeedChange change;
        try {
            FeedDefinition feed = parser.parse(file);
            if (previous == null) {
                change = FeedChange.added(feed, hash);
            } else if (hash.equals(running.get(id))) {
                change = FeedChange.restored(previous, hash);
            } else {
                change = FeedChange.changed(previous, feed, hash);
            }
        } catch (InvalidFeedException e) {
            change = FeedChange.broken(id, previous, e, hash);
        }
        // the parser read the file again: what it read must be what was hashed
        return observation.equals(observe(file)) ? change : null;
    }

    /**
     * Records a change found by {@link #scan()} as in effect: the feed's route now runs {@code current} (ADDED,
     * CHANGED, RESTORED), keeps running {@code previous} while the file is broken (BROKEN), or is gone (REMOVED).
     */
    public synchronized void accept(FeedChange change) {
        String id = change.feedId();
        switch (change.kind()) {
            case ADDED, CHANGED, RESTORED -> {
                feeds.put(id, change.current());
                broken.remove(id);
                taken.put(id, change.hash());
                running.put(id, change.hash());
            }
            case BROKEN -> {
                if (change.previous() == null) {
                    feeds.remove(id);
                } else {
                    feeds.put(id, change.previous());
                }
                broken.put(id, change.problem());
                taken.put(id, change.hash());
            }
            case REMOVED -> {
                feeds.remove(id);
                broken.remove(id);
                taken.remove(id);
                running.remove(id);
            }
        }
    }

    /** The valid feeds: each one runs; a feed whose file has a broken edit runs its previous definition. */
    public Collection<FeedDefinition> feeds() {
        return new TreeMap<>(feeds).values();
    }

    public Optional<FeedDefinition> feed(String identifier) {
        return Optional.ofNullable(feeds.get(identifier));
    }

    /**
     * Broken feed files by feed id (the file name without extension): files that never loaded, and broken edits
     * of feeds that keep running their previous definition (those are in {@link #feeds()} too).
     */
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
        try {
            return listFeedFiles(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list feed directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> listFeedFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            // editors' temporary files (.name.swp, name.yaml~) never match
            return new ArrayList<>(files
                    .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches("[^.].*\\.ya?ml"))
                    .sorted().toList());
        }
    }

    /** Size, modification time and SHA-256 of a file's content; null when it cannot be read (just removed). */
    private static String observe(Path file) {
        try {
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            // the parser refuses larger files anyway; their size and time tell changes well enough
            byte[] content = size > FeedParser.MAX_FILE_BYTES ? new byte[0] : Files.readAllBytes(file);
            return size + ":" + modified + ":" + sha256(content);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("Cannot read feed file {}: {}", file, e.toString());
            return null;
        }
    }

    private static String hashOf(String observation) {
        return observation.substring(observation.lastIndexOf(':') + 1);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
