package ru.gov.tomsk.opendata.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.source.drop.DropFolder;
import ru.gov.tomsk.opendata.source.drop.DropNames;

/**
 * The files a file-drop feed ({@code file}, {@code ftp}, {@code sftp}) refused, and putting one back. A refused file
 * lies in the drop directory's {@code .error/} with its reason in {@code <name>.error.txt} ({@link FileDrops}). Once
 * the department has fixed the file, or the feed, the file is re-queued: moved back into the drop directory, where
 * the next run reads it like any new drop. Its reason file goes with it, as {@code .<name>.error.txt} beside it
 * (hidden, so never read as data); a successful run removes it, and a new refusal replaces it with the new reason in
 * {@code .error/} ({@link ru.gov.tomsk.opendata.source.drop.CompleteDrops}).
 *
 * <p>A re-queued file is read again even if its content did not change: the processed-files repository
 * ({@link ProcessedFiles}) only holds files whose run succeeded, and a refusal removes the file's key.
 *
 * <p>The drop is reached through the feed's own consumer endpoint, so the same directory, server, login and host
 * key checking apply, and no secret is handled here.
 */
public class RejectedFiles {

    /** How much of a reason file is shown; the service writes a few lines. */
    static final int REASON_BYTES = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RejectedFiles.class);

    private final FeedRegistry registry;
    private final FeedRules rules;
    private final java.util.function.Supplier<CamelContext> camel;

    public RejectedFiles(FeedRegistry registry, FeedRules rules, java.util.function.Supplier<CamelContext> camel) {
        this.registry = registry;
        this.rules = rules;
        this.camel = camel;
    }

    /** Whether the feed is loaded and reads dropped files, so that it can have refused files. */
    public boolean isDrop(String feedId) {
        return registry.feed(feedId).flatMap(feed -> rules.kind(feed.source().kind()))
                .filter(kind -> kind.readsFiles()).isPresent();
    }

    /** The refused files of a drop feed, the newest refusal first. */
    public List<RejectedFile> list(String feedId) {
        Endpoint endpoint = dropEndpoint(feedId);
        try (DropFolder folder = open(feedId, endpoint)) {
            String errors = folder.child(folder.dir(), DropNames.ERROR_DIR);
            List<DropFolder.Entry> entries = folder.list(errors);
            Map<String, DropFolder.Entry> byName = entries.stream()
                    .collect(Collectors.toMap(DropFolder.Entry::name, Function.identity()));
            List<RejectedFile> files = new java.util.ArrayList<>();
            for (DropFolder.Entry entry : entries) {
                if (entry.name().startsWith(".") || DropNames.isReason(entry.name())) {
                    continue;
                }
                DropFolder.Entry reasonEntry = byName.get(DropNames.reason(entry.name()));
                String reason = reasonEntry == null ? null : folder.read(folder.child(errors, reasonEntry.name()),
                        REASON_BYTES).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
                files.add(new RejectedFile(entry.name(), entry.size(),
                        reasonEntry == null ? null : reasonEntry.modified(), reason));
            }
            files.sort(Comparator.comparing(RejectedFile::failedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(RejectedFile::name));
            return files;
        } catch (IOException e) {
            throw unreachable(feedId, e);
        }
    }

    /**
     * Moves a refused file back into the drop directory, its reason file beside it, and writes its done-file if the
     * feed waits for one (the consumer removed it when it refused the file). Returns the name the file waits under.
     */
    public String requeue(String feedId, String name) {
        checkName(name);
        Endpoint endpoint = dropEndpoint(feedId);
        try (DropFolder folder = open(feedId, endpoint)) {
            String errors = folder.child(folder.dir(), DropNames.ERROR_DIR);
            String refused = folder.child(errors, name);
            String waiting = folder.child(folder.dir(), name);
            if (!folder.exists(refused)) {
                throw new RejectedFileException(RejectedFileException.Reason.UNKNOWN_FILE, "feed " + feedId
                        + " has no refused file '" + name + "' in " + DropNames.ERROR_DIR + "/ of " + folder.where());
            }
            if (folder.exists(waiting)) {
                throw alreadyWaiting(feedId, name, folder);
            }
            String reason = folder.child(errors, DropNames.reason(name));
            String reasonBeside = folder.child(folder.dir(), DropNames.requeuedReason(name));
            boolean reasonMoved = false;
            if (folder.exists(reason)) {
                folder.delete(reasonBeside);
                folder.move(reason, reasonBeside);
                reasonMoved = true;
            }
            try {
                folder.move(refused, waiting);
            } catch (IOException e) {
                if (reasonMoved) {
                    restore(folder, reasonBeside, reason);
                }
                throw e;
            }
            String doneFile = doneFileName(endpoint, name);
            if (doneFile != null) {
                folder.touch(folder.child(folder.dir(), doneFile));
            }
            LOG.info("Feed {}: refused file {} moved back from {}/ to {}{}", feedId, name, DropNames.ERROR_DIR,
                    folder.where(), doneFile == null ? "" : " with its done-file " + doneFile);
            return name;
        } catch (FileAlreadyExistsException e) {
            throw new RejectedFileException(RejectedFileException.Reason.ALREADY_WAITING, "feed " + feedId
                    + ": a file named '" + name + "' is waiting in the drop directory already");
        } catch (IOException e) {
            throw unreachable(feedId, e);
        }
    }

    /**
     * Refuses a name that is not one file of the {@code .error/} folder: empty, with a path separator or a control
     * character, {@code .} and {@code ..}, a hidden name (never read as a drop) or a reason file's.
     */
    public static String checkName(String name) {
        String why = name == null || name.isEmpty() ? "it is empty"
                : name.length() > 255 ? "it is longer than 255 characters"
                : name.contains("/") || name.contains("\\") ? "it contains a path separator"
                : name.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? "it contains a control character"
                : name.startsWith(".") ? "it starts with a dot (hidden files and '..' are never drops)"
                : DropNames.isReason(name) ? "it is a reason file (" + DropNames.REASON_SUFFIX + "), not a refused file"
                : null;
        if (why != null) {
            throw new RejectedFileException(RejectedFileException.Reason.BAD_NAME, "'" + clip(name)
                    + "' is not the name of a refused file: " + why);
        }
        return name;
    }

    private Endpoint dropEndpoint(String feedId) {
        Optional<FeedDefinition> feed = registry.feed(feedId);
        if (feed.isEmpty()) {
            if (registry.broken().containsKey(feedId)) {
                throw new RejectedFileException(RejectedFileException.Reason.NOT_A_DROP, "the file of feed " + feedId
                        + " does not load, so its drop directory is not known; fix the feed file first");
            }
            throw new RejectedFileException(RejectedFileException.Reason.UNKNOWN_FEED, "no feed '" + clip(feedId)
                    + "' is registered");
        }
        if (!isDrop(feedId)) {
            throw new RejectedFileException(RejectedFileException.Reason.NOT_A_DROP, "feed " + feedId + " reads "
                    + feed.get().source().kind() + ", not dropped files (file, ftp, sftp): it has no refused files");
        }
        Route route = camel.get().getRoute(FeedRoutes.sourceRouteId(feedId));
        if (route == null || !(route.getEndpoint() instanceof GenericFileEndpoint<?>)) {
            throw new RejectedFileException(RejectedFileException.Reason.NO_ROUTE, "feed " + feedId + " has no route,"
                    + " so its drop directory is not known; the run history says why it could not be created");
        }
        return route.getEndpoint();
    }

    private static DropFolder open(String feedId, Endpoint endpoint) throws IOException {
        return DropFolder.open(endpoint).orElseThrow(() -> new RejectedFileException(
                RejectedFileException.Reason.NOT_A_DROP, "feed " + feedId + " does not read dropped files"));
    }

    /**
     * The done-file the feed waits for before it reads {@code name}, or null: its {@code doneFileName}
     * ({@code ${file:name}.done}, {@code ${file:name.noext}.ready}) for that file, as the consumer evaluates it.
     */
    private String doneFileName(Endpoint endpoint, String name) {
        String pattern = ((GenericFileEndpoint<?>) endpoint).getDoneFileName();
        if (pattern == null || pattern.isBlank()) {
            return null;
        }
        Exchange exchange = new DefaultExchange(camel.get());
        exchange.getIn().setHeader(Exchange.FILE_NAME, name);
        exchange.getIn().setHeader(Exchange.FILE_NAME_ONLY, name);
        return camel.get().resolveLanguage("simple").createExpression(pattern).evaluate(exchange, String.class);
    }

    private static void restore(DropFolder folder, String from, String to) {
        try {
            folder.move(from, to);
        } catch (IOException e) {
            LOG.warn("Cannot move the reason file {} back to {}: {}", from, to, e.getMessage());
        }
    }

    private static RejectedFileException alreadyWaiting(String feedId, String name, DropFolder folder) {
        return new RejectedFileException(RejectedFileException.Reason.ALREADY_WAITING, "feed " + feedId + ": a file"
                + " named '" + name + "' is waiting in " + folder.where() + " already; it is read at the next run,"
                + " after which the refused one can be re-queued (or is removed, if the new one is published)");
    }

    private static RejectedFileException unreachable(String feedId, IOException e) {
        return new RejectedFileException(RejectedFileException.Reason.UNREACHABLE, "feed " + feedId
                + ": cannot reach its drop directory: " + e.getMessage());
    }

    private static String clip(String value) {
        return value == null ? "" : value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
