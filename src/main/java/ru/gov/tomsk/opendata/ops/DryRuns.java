package ru.gov.tomsk.opendata.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.dataset.DepartmentMessage;
import ru.gov.tomsk.opendata.pipeline.DatasetPreview;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.pipeline.FeedRunFailedException;
import ru.gov.tomsk.opendata.pipeline.RunFailures;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;
import ru.gov.tomsk.opendata.feed.SourceKind;
import ru.gov.tomsk.opendata.source.DryRunRoutes;

/**
 * Dry runs: a feed's source → checks → rendering, with the diff against the newest published version, and
 * nothing written or published. The source is read through the feed's own Kamelet, sinking to the preview with
 * consuming switched off ({@link DryRunRoutes}). No run is recorded, no quarantine report written, no version staged, no
 * delivery queued, the passport's {@code valid} stays, and a dropped file stays where it is. The only files
 * are the row indexes of the diff, in a scratch folder of the work directory that is removed afterwards.
 *
 * <p>Synchronous: the caller waits up to {@code opendata.dry-run.timeout}. A dry run is refused while a run of
 * the same feed is in progress (its answer would describe a state about to change) or another dry run of it
 * is, and when {@code opendata.dry-run.concurrent} are already running: each reads the whole source.
 */
@Component
public class DryRuns {

    private static final Logger LOG = LoggerFactory.getLogger(DryRuns.class);
    private static final java.time.Duration CLEANUP_MARGIN = java.time.Duration.ofSeconds(15);

    private final FeedRegistry registry;
    private final FeedRules rules;
    private final FeedFileValidator validator;
    private final RunLog runLog;
    private final Catalog catalog;
    private final CamelContext camel;
    private final OpendataProperties properties;
    private final DryRunProperties settings;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final ExecutorService workers;
    private final DryRunRoutes dryRunRoutes;
    private final DraftSamples samples;

    public DryRuns(FeedRegistry registry, FeedRules rules, FeedFileValidator validator, RunLog runLog, Catalog catalog, CamelContext camel,
                   OpendataProperties properties, DryRunProperties settings, DryRunRoutes dryRunRoutes) {
        this.registry = registry;
        this.rules = rules;
        this.validator = validator;
        this.runLog = runLog;
        this.catalog = catalog;
        this.camel = camel;
        this.properties = properties;
        this.settings = settings;
        this.slots = new Semaphore(settings.concurrent());
        this.dryRunRoutes = dryRunRoutes;
        this.samples = new DraftSamples(rules);
        this.workers = camel.getExecutorServiceManager().newCachedThreadPool(this, "DryRun");
    }

    /**
     * What a run of the feed would do now.
     *
     * @param maxRows how many records (and rejects) to show, 1 to {@code opendata.dry-run.max-rows}
     * @throws DryRunRefusedException when it was not started: unknown or invalid feed, a run or dry run of it in
     *                                progress, a source kind whose data is delivered to the service (nothing to
     *                                read on demand), a bad {@code maxRows}
     */
    public DryRunResult dryRun(String feedId, int maxRows) {
        checkRows(maxRows);
        return start(feed(feedId), maxRows, null);
    }

    /**
     * What a run of a posted feed file would do, before it is installed (or to try an edit of an installed one:
     * the diff is against the dataset's newest published version, whichever file published it).
     *
     * @param fileName as for {@link FeedFileValidator#validate}: {@code <identifier>.yaml} when blank
     * @throws DryRunRefusedException as {@link #dryRun(String, int)}; INVALID_FEED with every located problem
     *                                when the file would not load
     */
    public DryRunResult dryRunFile(String fileName, String yamlText, int maxRows) {
        checkRows(maxRows);
        FeedDefinition feed;
        try {
            feed = validator.parse(fileName, yamlText);
        } catch (InvalidFeedException e) {
            throw new DryRunRefusedException(DryRunRefusedException.Reason.INVALID_FEED,
                    "the feed file is invalid:\n" + e.getMessage());
        }
        return start(feed, maxRows, null);
    }

    /**
     * What a run of a draft would do, its source read through its kind's Kamelet as a run reads it; with a
     * {@code sample}, that file instead: for a file kind ({@code file}, {@code ftp}, {@code sftp}) through the
     * {@code file} Kamelet from a private temporary directory, with the draft's payload options, for {@code push} as
     * the body of a push. The directory is deleted afterwards.
     *
     * @throws DryRunRefusedException as {@link #dryRun(String, int)}; BAD_REQUEST for a sample of a kind that reads
     *                                a database or a web service
     */
    public DryRunResult dryRunDraft(FeedDefinition feed, DraftSample sample, int maxRows) {
        checkRows(maxRows);
        SourceKind kind = rules.kind(feed.source().kind()).orElseThrow();
        if (sample != null && !kind.readsFiles() && !feed.pushed()) {
            throw new DryRunRefusedException(DryRunRefusedException.Reason.BAD_REQUEST, "part 'sample': kind "
                    + kind.name() + " reads its source itself; a sample file is for the kinds file, ftp, sftp and push");
        }
        return start(feed, maxRows, sample);
    }

    private void checkRows(int maxRows) {
        if (maxRows < 1 || maxRows > settings.maxRows()) {
            throw new DryRunRefusedException(DryRunRefusedException.Reason.BAD_REQUEST,
                    "rows to show must be 1 to " + settings.maxRows() + ", not " + maxRows);
        }
    }

    private DryRunResult start(FeedDefinition feed, int maxRows, DraftSample sample) {
        String feedId = feed.identifier();
        SourceKind kind = rules.kind(feed.source().kind()).orElseThrow();
        if (!kind.firedByQuartz() && sample == null) {
            throw new DryRunRefusedException(DryRunRefusedException.Reason.NOT_AVAILABLE, "dry run is not available for"
                    + " kind " + kind.name() + ": its data is delivered to the service, so there is no source to read"
                    + " on demand; the answer to a delivery says what its run did (or try a draft with a sample file"
                    + " as the body)");
        }
        Optional<FeedRun> last = runLog.runs(feedId, 1).stream().findFirst();
        if (last.isPresent() && last.get().status() == RunStatus.RUNNING) {
            throw new DryRunRefusedException(DryRunRefusedException.Reason.BUSY, "feed " + feedId + " is running now (run "
                    + last.get().id() + ", started " + last.get().startedAt() + "); try the dry run when it has ended");
        }
        if (!running.add(feedId)) {
            throw new DryRunRefusedException(DryRunRefusedException.Reason.BUSY,
                    "a dry run of feed " + feedId + " is already in progress");
        }
        if (!slots.tryAcquire()) {
            running.remove(feedId);
            throw new DryRunRefusedException(DryRunRefusedException.Reason.BUSY, settings.concurrent()
                    + " dry run(s) are in progress, the most allowed at once (opendata.dry-run.concurrent); try again shortly");
        }
        Future<DryRunResult> future;
        try {
            future = workers.submit(() -> {
                try {
                    return sample == null ? execute(feed, kind, maxRows, null)
                            : samples.read(sample, feed, kind, sampleFeed -> execute(sampleFeed.feed(),
                            sampleFeed.kind(), maxRows, sampleFeed.body()));
                } finally {
                    // released when the work really ends, also after the caller stopped waiting for it
                    slots.release();
                    running.remove(feedId);
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            running.remove(feedId);
            throw e;
        }
        try {
            // the work stops itself at the timeout; the margin is for removing its route
            return future.get(settings.timeout().toMillis() + CLEANUP_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("Dry run of feed {} stopped after {}", feedId, settings.timeout());
            return tookTooLong(feedId);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return DryRunResult.failed(feedId, newest(feedId), null, "the dry run was interrupted");
        } catch (ExecutionException e) {
            // execute reports its own failures; this is a bug or an Error
            LOG.error("Dry run of feed {} failed", feedId, e.getCause());
            return DryRunResult.failed(feedId, newest(feedId), null, FeedRunFailedException.describe(e.getCause()));
        }
    }

    private FeedDefinition feed(String feedId) {
        Optional<FeedDefinition> feed = feedId == null ? Optional.empty() : registry.feed(feedId);
        if (feed.isPresent()) {
            return feed.get();
        }
        InvalidFeedException broken = feedId == null ? null : registry.broken().get(feedId);
        if (broken != null) {
            throw new DryRunRefusedException(DryRunRefusedException.Reason.INVALID_FEED, "feed " + feedId
                    + " cannot run because its file is invalid:\n" + broken.getMessage());
        }
        throw new DryRunRefusedException(DryRunRefusedException.Reason.UNKNOWN_FEED, "no feed '" + feedId
                + "' is registered (no file " + feedId + ".yaml in " + registry.directory() + ")");
    }

    private DryRunResult execute(FeedDefinition feed, SourceKind kind, int maxRows, Path body) {
        String feedId = feed.identifier();
        Path scratch = properties.workDir().resolve("dry-run-" + UUID.randomUUID());
        boolean workDirExisted = Files.isDirectory(properties.workDir());
        try {
            DryRunRoutes.Outcome outcome = dryRunRoutes.run(camel, feed, kind, maxRows, scratch, settings.timeout(), body);
            if (outcome.nothingToRead()) {
                Map<String, String> options = kind.withDefaults(feed.source().options());
                return DryRunResult.failed(feedId, newest(feedId), null,
                        "Читать нечего: в папке источника нет готового "
                        + "файла с данными. Выложите файл и повторите пробный запуск. " + DepartmentMessage.DETAIL
                        + "source failed: nothing to read: no file"
                        + " matching '" + options.get("include") + "' is ready in " + options.get("directory")
                        + (options.containsKey("doneFileName") ? " (with its done-file " + options.get("doneFileName") + ")" : "")
                        + " (unchanged for " + options.get("minAge") + ")");
            }
            if (outcome.error() != null) {
                Exception error = outcome.error();
                LOG.info("Dry run of feed {} failed: {}", feedId, FeedRunFailedException.describe(error));
                // worded as the run log words a failed run
                return DryRunResult.failed(feedId, newest(feedId), outcome.source(), RunFailures.explain(error,
                        (outcome.reading() ? "" : "source failed: ") + FeedRunFailedException.describe(error)).text(),
                        outcome.columns());
            }
            DatasetPreview.Result r = outcome.result();
            LOG.info("Dry run of feed {}: {} read, {} valid, {} rejected; a run would be {}", feedId, r.read(), r.valid(),
                    r.rejected(), r.outcome());
            return result(feedId, r, outcome.source(), outcome.columns());
        } catch (TimeoutException e) {
            LOG.warn("Dry run of feed {} stopped after {}", feedId, settings.timeout());
            return tookTooLong(feedId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DryRunResult.failed(feedId, newest(feedId), null, "the dry run was interrupted");
        } catch (Exception e) {
            LOG.warn("Dry run of feed {} could not read its source: {}", feedId, e.getMessage(), e);
            return DryRunResult.failed(feedId, newest(feedId), null, RunFailures.explain(e, "source failed: "
                    + FeedRunFailedException.describe(e)).text());
        } finally {
            if (!workDirExisted) {
                // the work directory appears with the first run; a dry run before it leaves none behind
                try {
                    Files.deleteIfExists(properties.workDir());
                } catch (java.io.IOException e) {
                    // not empty: a run started meanwhile
                }
            }
        }
    }

    private DryRunResult tookTooLong(String feedId) {
        return DryRunResult.failed(feedId, newest(feedId), null, "the dry run took longer than "
                + settings.timeout().toSeconds() + " s (opendata.dry-run.timeout) and was stopped");
    }

    private static DryRunResult result(String feedId, DatasetPreview.Result r, String source, java.util.List<String> columns) {
        DataVersion previous = r.previous();
        Long added = null;
        Long changed = null;
        Long removed = null;
        if (previous != null) {
            added = r.diff() == null ? 0L : r.diff().added();
            changed = r.diff() == null ? 0L : r.diff().changed();
            removed = r.diff() == null ? 0L : r.diff().removed();
        }
        return new DryRunResult(feedId, r.read(), r.valid(), r.rejected(), r.header(), r.firstRows(), r.rejectedRows(),
                added, changed, removed, r.changed(), previous == null ? null : previous.version(), null,
                r.outcome().name(), r.holdReasons(), source, r.cleanup(), r.cleanupExamples(), columns);
    }

    private String newest(String feedId) {
        return catalog.latest(feedId).map(DataVersion::version).orElse(null);
    }

    @PreDestroy
    void stop() {
        camel.getExecutorServiceManager().shutdownNow(workers);
    }
}
