package ru.gov.tomsk.opendata.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.catalog.RunCounts;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.dataset.CleanupCount;
import ru.gov.tomsk.opendata.dataset.CleanupExample;
import ru.gov.tomsk.opendata.dataset.RowDiff;
import ru.gov.tomsk.opendata.dataset.RowIndex;
import ru.gov.tomsk.opendata.dataset.TextCleanup;

/**
 * The dry run of {@link DatasetPipeline}: the same mapping, checks, writers, row index, diff and guards over the
 * source's records, but every data file goes to a null stream and the row indexes to a scratch directory that is
 * removed afterwards. Nothing is staged in the portal tree, nothing is recorded in the state database (it only
 * reads which version is the newest), so a department can see what a run would publish without publishing it.
 *
 * <p>It streams like the pipeline: only the first {@code maxRows} records and rejects are kept in memory, the
 * counts and the diff cover the whole source.
 */
public final class DatasetPreview {

    /**
     * What a run would do with these records.
     *
     * @param header       the data file's columns (the structure's field names)
     * @param firstRows    the first records as they would be published, canonical text per field
     * @param rejectedRows the first rejects (and repeated keys), as the quarantine report would list them
     * @param previous     the newest published version, {@code null} before the first publication
     * @param diff         against {@code previous} (against nothing before the first publication); {@code null}
     *                     when the content is unchanged and the pipeline would not compare rows
     * @param changed      whether the content fingerprint differs from the newest published version's
     * @param outcome      what the run would record: PUBLISHED, UNCHANGED or HELD
     * @param holdReasons  why the version would be held for an operator (empty unless HELD)
     * @param cleanup      per field and kind, the values of valid records the text clean-up changed
     * @param cleanupExamples the first {@value #CLEANUP_EXAMPLES} of them per field and kind, before and after
     */
    public record Result(long read, long valid, long rejected, List<String> header, List<List<String>> firstRows,
                         List<QuarantineEntry> rejectedRows, String fingerprint, DataVersion previous, RowDiff diff,
                         boolean changed, RunStatus outcome, List<String> holdReasons, List<CleanupCount> cleanup,
                         List<CleanupExample> cleanupExamples) {
    }

    /** Before/after examples of the clean-up a dry run shows per field and kind. */
    public static final int CLEANUP_EXAMPLES = 3;

    private final DatasetPipeline pipeline;
    private final Catalog catalog;
    private final ZoneId zone;

    public DatasetPreview(DatasetPipeline pipeline, Catalog catalog, ZoneId zone) {
        this.pipeline = pipeline;
        this.catalog = catalog;
        this.zone = zone;
    }

    /**
     * One pass over {@code records} (an iterator or iterable of column→value maps, as {@code direct:dataset} takes);
     * closes them if they are closeable. {@code scratch} must not exist yet and is deleted, whatever happens.
     */
    public Result preview(FeedDefinition feed, Object records, int maxRows, Path scratch) throws IOException {
        try {
            return run(feed, DatasetPipeline.records(records), maxRows, scratch);
        } finally {
            deleteTree(scratch);
        }
    }

    private Result run(FeedDefinition feed, Iterator<?> records, int maxRows, Path scratch) throws IOException {
        RunCounts counts = new RunCounts(new TextCleanup(feed.structure().fieldNames(), CLEANUP_EXAMPLES));
        List<List<String>> firstRows = new ArrayList<>();
        List<QuarantineEntry> rejects = new ArrayList<>();
        String fingerprint;
        try (RowIndex index = new RowIndex(scratch.resolve("current"), feed.structure())) {
            try {
                fingerprint = render(feed, records, index, counts, firstRows, rejects, maxRows);
            } finally {
                if (records instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // the records were read; a failing close changes nothing a dry run reports
                    }
                }
            }
            Optional<DataVersion> previous = catalog.latest(feed.identifier());
            boolean rejectedTooMany = !DatasetPipeline.rejectionReason(feed, counts).isEmpty();
            if (previous.isPresent() && previous.get().fingerprint().equals(fingerprint) && !rejectedTooMany) {
                return new Result(counts.read(), counts.written(), counts.rejected(), feed.structure().fieldNames(),
                        firstRows, rejects, fingerprint, previous.get(), null, false, RunStatus.UNCHANGED, List.of(),
                        counts.cleanup().counts(), counts.cleanup().examples());
            }
            RowDiff diff;
            try (RowIndex before = previous.map(v -> pipeline.previousIndex(feed, v, scratch)).orElse(null)) {
                diff = RowDiff.compare(index, before);
            }
            for (RowDiff.Duplicate d : diff.duplicates()) {
                if (rejects.size() < maxRows) {
                    rejects.add(QuarantineEntry.duplicateKey(d.row(), d.key(), feed.structure().key(), d.firstRow()));
                }
            }
            List<String> reasons = DatasetPipeline.guardReasons(feed, counts, diff, previous.orElse(null));
            boolean changed = previous.isEmpty() || !previous.get().fingerprint().equals(fingerprint);
            RunStatus outcome = !reasons.isEmpty() ? RunStatus.HELD : changed ? RunStatus.PUBLISHED : RunStatus.UNCHANGED;
            return new Result(counts.read(), counts.written(), counts.rejected(), feed.structure().fieldNames(), firstRows,
                    rejects, fingerprint, previous.orElse(null), diff, changed, outcome, reasons, counts.cleanup().counts(),
                    counts.cleanup().examples());
        }
    }

    /**
     * The pipeline's render pass, writing nowhere: returns the fingerprint the version would have. Every format is
     * rendered, so a record that one writer refuses fails the dry run as it would the run.
     */
    private String render(FeedDefinition feed, Iterator<?> records, RowIndex index, RunCounts counts,
                          List<List<String>> firstRows, List<QuarantineEntry> rejects, int maxRows) throws IOException {
        return RenderPass.render(feed, zone, records, extension -> OutputStream.nullOutputStream(), index, counts, rejects,
                maxRows, values -> {
                    if (firstRows.size() < maxRows) {
                        firstRows.add(Collections.unmodifiableList(Arrays.asList(values.clone())));
                    }
                }).fingerprint();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the dry run's scratch directory " + dir, e);
        }
    }
}
