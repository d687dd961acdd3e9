package ru.gov.tomsk.opendata.programme.mandates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.feed.FeedProblem;
import ru.gov.tomsk.opendata.feed.MandateIndex;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;

/**
 * The catalogue of mandated lists: the files of {@code opendata.programme.mandates-dir} (docs/mandates.md). It is read
 * again whenever a file there is added, edited or removed (size and modification time), so the region's edits show
 * without a restart. A broken file never stops the service or the other lists: it is left out and shown with its
 * problems on the console's «Перечни».
 */
@Component
public class MandateCatalogue implements MandateIndex.Provider {

    private static final Logger LOG = LoggerFactory.getLogger(MandateCatalogue.class);

    /**
     * The catalogue as read.
     *
     * @param lists  the valid lists, in file-name order
     * @param broken the files that could not be read
     */
    public record Snapshot(List<MandateList> lists, List<BrokenCatalogueFile> broken) {

        public Snapshot {
            lists = List.copyOf(lists);
            broken = List.copyOf(broken);
        }

        public Optional<MandateList> list(String id) {
            return lists.stream().filter(l -> l.id().equals(id)).findFirst();
        }

        /** Whether some list shown is the project's demonstration, whose wording is not official. */
        public boolean demo() {
            return lists.stream().anyMatch(MandateList::demo);
        }

        MandateIndex index(boolean checked) {
            Map<String, SortedSet<Integer>> items = new HashMap<>();
            lists.forEach(l -> items.put(l.id(), new TreeSet<>(l.items().stream().map(MandateItem::number).toList())));
            return new MandateIndex(items, broken.stream().flatMap(b -> b.problems().stream())
                    .map(FeedProblem::departmentLine).toList(), checked);
        }
    }

    private final Path directory;
    private String seen;
    private Snapshot snapshot;

    public MandateCatalogue(ProgrammeProperties properties) {
        this.directory = properties.mandatesDir();
    }

    public Path directory() {
        return directory;
    }

    /** The catalogue now: read again if its files changed since the last call. */
    public synchronized Snapshot snapshot() {
        List<Path> files = files(directory);
        String observed = observe(files);
        if (snapshot == null || !observed.equals(seen)) {
            snapshot = read(files);
            seen = observed;
            LOG.info("Mandated lists: {} read from {}{}", snapshot.lists().size(), directory, snapshot.broken().isEmpty()
                    ? "" : "; broken: " + snapshot.broken().stream().map(b -> b.file().getFileName().toString()).toList());
            snapshot.broken().forEach(b -> b.problems().forEach(p -> LOG.error("Mandated list file is invalid, its list "
                    + "is left out of the coverage: {}", p)));
        }
        return snapshot;
    }

    /**
     * What feed files' {@code mandates:} are checked against. Without the directory there is no catalogue to check
     * them by (a service installed without one), so only their form is; with it, an unknown list or item is an error.
     */
    @Override
    public MandateIndex index() {
        return snapshot().index(Files.isDirectory(directory));
    }

    /** The index of a directory's catalogue, read once: what {@code validate} checks feed files against. */
    public static MandateIndex index(Path directory) {
        return read(files(directory)).index(Files.isDirectory(directory));
    }

    private static Snapshot read(List<Path> files) {
        List<MandateList> lists = new ArrayList<>();
        List<BrokenCatalogueFile> broken = new ArrayList<>();
        Map<String, MandateList> byId = new HashMap<>();
        for (Path file : files) {
            CatalogueFileReader.Result result = CatalogueFileReader.read(file);
            if (result.broken() != null) {
                broken.add(result.broken());
                continue;
            }
            MandateList list = result.list();
            MandateList first = byId.putIfAbsent(list.id(), list);
            if (first != null) {
                // the second file is the mistake: the first one's list stays, as in file order it came first
                broken.add(new BrokenCatalogueFile(file, List.of(new FeedProblem(file, line(file, "id:"), 1, "id",
                        "list '" + list.id() + "' is already defined in " + first.file().getFileName(),
                        "Перечень «" + list.id() + "» уже описан в файле " + first.file().getFileName()
                                + ": у каждого перечня свой код и свой файл."))));
                continue;
            }
            lists.add(list);
        }
        return new Snapshot(lists, broken);
    }

    /** The 1-based line of the first line starting with {@code prefix}, 0 if none. */
    private static int line(Path file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the problem is still told, without its line
        }
        return 0;
    }

    /** The catalogue files, in name order; files starting with a dot (editors' temporary files) are not. */
    static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches("[^.].*\\.ya?ml"))
                    .sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list the mandated lists' directory {}: {}", directory, e.toString());
            return List.of();
        }
    }

    private static String observe(List<Path> files) {
        StringBuilder s = new StringBuilder();
        for (Path f : files) {
            try {
                s.append(f).append(':').append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f).toMillis())
                        .append('\n');
            } catch (IOException e) {
                s.append(f).append(":?\n");
            }
        }
        return s.toString();
    }
}
