package ru.gov.tomsk.opendata.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.feed.Guards;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.CommitResult;
import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.NewVersion;
import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.catalog.QuarantineReports;
import ru.gov.tomsk.opendata.catalog.RunCounts;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunResult;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.catalog.StagedVersion;
import ru.gov.tomsk.opendata.dataset.CleanupCount;
import ru.gov.tomsk.opendata.dataset.RowDiff;
import ru.gov.tomsk.opendata.dataset.RowIndex;
import ru.gov.tomsk.opendata.dataset.TextCleanup;
import ru.gov.tomsk.opendata.format.CsvReader;

/**
 * {@code direct:dataset}: one streaming pass from source records to a committed (or held) version.
 *
 * <p>The body is an iterator (or iterable) of records, each a map of source column to value; the header
 * {@value #FEED_HEADER} names the feed. Each record is mapped to its fields' types, checked, indexed by
 * key and written as it arrives, so a source of any size runs in constant memory. Rejected records go
 * to the run's quarantine. Afterwards the keys are compared with the previous version (added, changed,
 * removed, duplicates) and the feed's guards decide: publish, or hold for an operator.
 */
public class DatasetPipeline {

    public static final String FEED_HEADER = "OpendataFeed";
    /** Exchange property with the id of the run the source route opened when the feed fired. */
    public static final String RUN_PROPERTY = "OpendataRunId";
    private static final Logger LOG = LoggerFactory.getLogger(DatasetPipeline.class);
    /** Quarantine entries kept per run; the count of all rejects is on the run. */
    static final int QUARANTINE_LIMIT = 1000;

    private final FeedRegistry registry;
    private final Catalog catalog;
    private final RunLog runLog;
    private final GateRepository gate;
    private final QuarantineReports reports;
    private final ZoneId zone;
    private final Path workDir;
    private final PortalDeliveries deliveries;

    public DatasetPipeline(FeedRegistry registry, Catalog catalog, RunLog runLog, GateRepository gate,
                           QuarantineReports reports, ZoneId zone, Path workDir, PortalDeliveries deliveries) {
        this.reports = reports;
        this.registry = registry;
        this.catalog = catalog;
        this.runLog = runLog;
        this.gate = gate;
        this.zone = zone;
        this.workDir = workDir;
        this.deliveries = deliveries;
    }

    public void run(Exchange exchange) {
        String feedId = exchange.getIn().getHeader(FEED_HEADER, String.class);
        FeedDefinition feed = registry.feed(feedId)
                .orElseThrow(() -> new IllegalStateException("no valid feed named '" + feedId + "' is loaded"));
        Long opened = exchange.getProperty(RUN_PROPERTY, Long.class);
        long runId = opened != null ? opened : runLog.start(feedId);
        RunCounts counts = new RunCounts(new TextCleanup(feed.structure().fieldNames(), 0));
        List<QuarantineEntry> quarantine = new ArrayList<>();
        Path runDir = workDir.resolve("run-" + runId);
        try (StagedVersion staged = catalog.stage(feedId);
             RowIndex index = new RowIndex(runDir.resolve("current"), feed.structure())) {
            Iterator<?> records = records(exchange.getIn().getBody());
            String fingerprint;
            try {
                fingerprint = render(feed, records, staged, index, counts, quarantine);
            } finally {
                // a file or HTTP stream is released as soon as it is read, whatever happens next
                if (records instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
            RunResult result = decide(feed, runId, staged, index, fingerprint, counts, quarantine, runDir);
            if (result.status() == RunStatus.PUBLISHED || result.status() == RunStatus.UNCHANGED) {
                // before the run is recorded as done, so that a finished run's deliveries are already queued
                deliveries.request(feed, result.dataVersion());
            }
            keepQuarantine(feedId, runId, quarantine);
            runLog.finish(runId, counts, result);
            LOG.info("Feed {}: {} — {} read, {} written, {} rejected; version {}{}", feedId, result.status(), counts.read(),
                    counts.written(), counts.rejected(), result.dataVersion(),
                    result.message() == null ? "" : "; " + result.message());
            logCleanup(feedId, counts);
        } catch (Exception e) {
            keepQuarantine(feedId, runId, quarantine);
            runLog.finish(runId, RunStatus.FAILED, counts, null, RunFailures.explain(e));
            throw new FeedRunFailedException(feedId, e);
        } catch (Error e) {
            // out of memory or the like: the run must not stay RUNNING; record it if the JVM still can
            try {
                runLog.finish(runId, RunStatus.FAILED, counts, null, "internal error: " + e);
            } catch (Throwable ignored) {
                // nothing more can be done; the next start closes abandoned runs
            }
            throw e;
        } finally {
            deleteQuietly(runDir);
        }
    }

    /** The version's values differ from the source's wherever the clean-up changed them: say where, and how. */
    private static void logCleanup(String feedId, RunCounts counts) {
        List<CleanupCount> cleanup = counts.cleanup().counts();
        if (!cleanup.isEmpty()) {
            LOG.info("Feed {}: the value clean-up changed source values — {}", feedId, CleanupCount.summary(cleanup));
        }
    }

    private void keepQuarantine(String feedId, long runId, List<QuarantineEntry> quarantine) {
        gate.quarantine(runId, quarantine);
        Path report = reports.write(feedId, runId, quarantine);
        if (report != null) {
            LOG.warn("Feed {}: {} record(s) rejected; quarantine report: {}", feedId, quarantine.size(), report);
        }
    }

    /** The single pass over the source ({@link RenderPass}): returns the content fingerprint of what was written. */
    private String render(FeedDefinition feed, Iterator<?> records, StagedVersion staged, RowIndex index, RunCounts counts,
                          List<QuarantineEntry> quarantine) throws IOException {
        RenderPass.Rendered rendered = RenderPass.render(feed, zone, records, staged::open, index, counts, quarantine,
                QUARANTINE_LIMIT, values -> { });
        if (!rendered.unknownColumns().isEmpty()) {
            LOG.info("Feed {}: source columns {} are not in the structure and were ignored", feed.identifier(),
                    rendered.unknownColumns());
        }
        return rendered.fingerprint();
    }

    private RunResult decide(FeedDefinition feed, long runId, StagedVersion staged, RowIndex index, String fingerprint,
                             RunCounts counts, List<QuarantineEntry> quarantine, Path runDir) throws IOException {
        Optional<DataVersion> previous = catalog.latest(feed.identifier());
        // a source that suddenly rejects most records is broken even if what survives is unchanged
        boolean rejectedTooMany = !rejectionReason(feed, counts).isEmpty();
        if (previous.isPresent() && previous.get().fingerprint().equals(fingerprint) && !rejectedTooMany) {
            CommitResult result = catalog.commit(version(feed, fingerprint, counts, null, null), staged);
            return new RunResult(RunStatus.UNCHANGED, result.dataVersion(), rejectedNote(counts), 0L, 0L, 0L, null);
        }
        RowDiff diff;
        try (RowIndex before = previous.map(v -> previousIndex(feed, v, runDir)).orElse(null)) {
            diff = RowDiff.compare(index, before);
        }
        for (RowDiff.Duplicate d : diff.duplicates()) {
            if (quarantine.size() < QUARANTINE_LIMIT) {
                quarantine.add(QuarantineEntry.duplicateKey(d.row(), d.key(), feed.structure().key(), d.firstRow()));
            }
        }
        NewVersion version = version(feed, fingerprint, counts, diff, previous.orElse(null));
        List<String> reasons = guardReasons(feed, counts, diff, previous.orElse(null));
        if (!reasons.isEmpty()) {
            String reason = String.join("; ", reasons);
            long heldId = catalog.hold(version, staged, runId, reason);
            LOG.warn("Feed {}: new version held for an operator (held version {}): {}", feed.identifier(), heldId, reason);
            return new RunResult(RunStatus.HELD, previous.map(DataVersion::version).orElse(null), "held: " + reason,
                    diff.added(), diff.changed(), diff.removed(), heldId);
        }
        CommitResult result = catalog.commit(version, staged);
        return new RunResult(result.created() ? RunStatus.PUBLISHED : RunStatus.UNCHANGED, result.dataVersion(),
                rejectedNote(counts), diff.added(), diff.changed(), diff.removed(), null);
    }

    private static NewVersion version(FeedDefinition feed, String fingerprint, RunCounts counts, RowDiff diff,
                                      DataVersion previous) {
        String provenance = diff == null ? null : diff.provenance(previous == null, counts.written());
        return new NewVersion(feed.passport(), feed.frequency(), feed.structure(), fingerprint, counts.written(),
                feed.formats(), provenance, diff == null ? null : diff.added(), diff == null ? null : diff.changed(),
                diff == null ? null : diff.removed());
    }

    /** Why the new version must not be published without an operator, if it must not. */
    static List<String> guardReasons(FeedDefinition feed, RunCounts counts, RowDiff diff, DataVersion previous) {
        List<String> reasons = new ArrayList<>();
        Guards guards = feed.guards();
        if (counts.written() == 0 && !feed.allowEmpty()) {
            reasons.add("the source returned no publishable records"
                    + (previous == null ? "" : " while version " + previous.version() + " has " + previous.rowCount())
                    + " (set allowEmpty: true if an empty dataset is legitimate)");
        }
        reasons.addAll(rejectionReason(feed, counts));
        if (previous != null && previous.rowCount() > 0 && counts.written() > 0) {
            double removed = 100.0 * diff.removed() / previous.rowCount();
            if (removed > guards.maxRemovedPercent()) {
                reasons.add(String.format(java.util.Locale.ROOT, "%.1f%% of the published records would be removed (%d of %d), more than maxRemovedPercent %s",
                        removed, diff.removed(), previous.rowCount(), trim(guards.maxRemovedPercent())));
            }
        }
        if (diff.duplicateCount() > 0) {
            RowDiff.Duplicate first = diff.duplicates().get(0);
            reasons.add(diff.duplicateCount() + " record(s) repeat a key, e.g. " + first.key() + " at rows "
                    + first.firstRow() + " and " + first.row() + " (a key must identify one record)");
        }
        return reasons;
    }

    static List<String> rejectionReason(FeedDefinition feed, RunCounts counts) {
        double limit = feed.guards().maxRejectedPercent();
        if (counts.read() == 0 || 100.0 * counts.rejected() / counts.read() <= limit) {
            return List.of();
        }
        return List.of(String.format(java.util.Locale.ROOT, "%.1f%% of the records were rejected (%d of %d), more than maxRejectedPercent %s",
                100.0 * counts.rejected() / counts.read(), counts.rejected(), counts.read(), trim(limit)));
    }

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
    }

    /** The previous version's keys, read back from its published CSV file (works on any node of a cluster). */
    RowIndex previousIndex(FeedDefinition feed, DataVersion previous, Path runDir) {
        Path csv = catalog.csvFile(previous);
        // no field limit: this is the service's own file, and whatever a run published (an SQL text of any length)
        // must read back, or every later run of the feed would fail on its comparison
        try (CsvReader reader = new CsvReader(new BufferedReader(Files.newBufferedReader(csv, StandardCharsets.UTF_8), 64 * 1024))
                .maxFieldChars(Integer.MAX_VALUE)) {
            String[] header = reader.next();
            List<String> columns = header == null ? List.of() : Arrays.asList(header);
            if (!columns.containsAll(feed.structure().key())) {
                // the key itself changed: every record counts as new, every old one as removed
                LOG.info("Feed {}: key fields {} are not all in version {}; comparing as all new", feed.identifier(),
                        feed.structure().key(), previous.version());
                RowIndex empty = new RowIndex(runDir.resolve("previous"), List.of(), List.of());
                return empty.seal();
            }
            RowIndex index = new RowIndex(runDir.resolve("previous"), feed.structure().key(), columns);
            long row = 0;
            for (String[] values = reader.next(); values != null; values = reader.next()) {
                index.add(values, ++row);
            }
            return index.seal();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the previous version " + csv.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static String rejectedNote(RunCounts counts) {
        return counts.rejected() > 0 ? counts.rejected() + " record(s) rejected" : null;
    }

    public static Iterator<?> records(Object body) {
        if (body == null) {
            return Collections.emptyIterator();
        }
        if (body instanceof Iterator<?> iterator) {
            return iterator;
        }
        if (body instanceof Iterable<?> iterable) {
            return iterable.iterator();
        }
        if (body instanceof Map<?, ?> single) {
            return Collections.singletonList(single).iterator();
        }
        throw new IllegalArgumentException("the source delivered " + body.getClass().getName()
                + "; expected records (an iterator or list of column→value maps)");
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.exists(dir) ? Files.walk(dir) : java.util.stream.Stream.<Path>empty()) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove the run's scratch directory {}: {}", dir, e.getMessage());
        }
    }
}
