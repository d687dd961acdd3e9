package ru.gov.tomsk.opendata.ops;

import java.util.List;

import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.dataset.CleanupCount;
import ru.gov.tomsk.opendata.dataset.CleanupExample;

/**
 * What a run of a feed would do now, found without publishing or recording anything ({@link DryRuns}).
 *
 * @param rowsRead            records the source delivered
 * @param rowsValid           records that passed the checks and would be published
 * @param rowsRejected        records the checks refused (the run's quarantine)
 * @param header              the data file's columns
 * @param firstRows           the first records as they would be published, canonical text per column of {@code header}
 * @param rejectedRows        the first rejected records with their reasons, repeated keys included, as the quarantine
 *                            report would list them
 * @param rowsAdded           against {@code comparedWithVersion}; {@code null} when nothing is published yet
 * @param rowsChanged         likewise
 * @param rowsRemoved         likewise
 * @param changed             whether the content differs from the newest published version (true before the first)
 * @param comparedWithVersion the newest published version, {@code null} when nothing is published yet
 * @param error               why the dry run could not finish (the source failed, a file is malformed, it took too
 *                            long); the counts then cover what was read before. {@code null} when it finished
 * @param outcome             what the run would record: PUBLISHED, UNCHANGED or HELD; {@code null} on error
 * @param holdReasons         why the version would be held for an operator (the feed's guards); empty otherwise
 * @param source              what was read, e.g. the file of a drop
 * @param cleanup             per field and kind, how many values of valid records the text clean-up would change
 * @param cleanupExamples     a few of them per field and kind, before and after, invisible characters written as
 *                            {@code ⟨U+0007⟩}
 * @param sourceColumns       the columns the source's first record named, in its order; empty when none was read
 */
public record DryRunResult(String feedId, long rowsRead, long rowsValid, long rowsRejected, List<String> header,
                           List<List<String>> firstRows, List<QuarantineEntry> rejectedRows, Long rowsAdded,
                           Long rowsChanged, Long rowsRemoved, boolean changed, String comparedWithVersion, String error,
                           String outcome, List<String> holdReasons, String source, List<CleanupCount> cleanup,
                           List<CleanupExample> cleanupExamples, List<String> sourceColumns) {

    public DryRunResult {
        header = header == null ? List.of() : List.copyOf(header);
        firstRows = firstRows == null ? List.of() : List.copyOf(firstRows);
        rejectedRows = rejectedRows == null ? List.of() : List.copyOf(rejectedRows);
        holdReasons = holdReasons == null ? List.of() : List.copyOf(holdReasons);
        cleanup = cleanup == null ? List.of() : List.copyOf(cleanup);
        cleanupExamples = cleanupExamples == null ? List.of() : List.copyOf(cleanupExamples);
        sourceColumns = sourceColumns == null ? List.of() : List.copyOf(sourceColumns);
    }

    static DryRunResult failed(String feedId, String comparedWithVersion, String source, String error) {
        return failed(feedId, comparedWithVersion, source, error, List.of());
    }

    static DryRunResult failed(String feedId, String comparedWithVersion, String source, String error,
                               List<String> sourceColumns) {
        return new DryRunResult(feedId, 0, 0, 0, List.of(), List.of(), List.of(), null, null, null, false,
                comparedWithVersion, error, null, List.of(), source, List.of(), List.of(), sourceColumns);
    }

    /** The same result, saying what was read in words of the caller's (a sample rather than a temporary file). */
    DryRunResult withSource(String newSource) {
        return new DryRunResult(feedId, rowsRead, rowsValid, rowsRejected, header, firstRows, rejectedRows, rowsAdded,
                rowsChanged, rowsRemoved, changed, comparedWithVersion, error, outcome, holdReasons, newSource, cleanup,
                cleanupExamples, sourceColumns);
    }
}
