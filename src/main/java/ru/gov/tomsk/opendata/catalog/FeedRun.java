package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;
import java.util.List;

import ru.gov.tomsk.opendata.dataset.CleanupCount;

/**
 * One recorded run of a feed; the row diff and the held version are set when the run got that far.
 *
 * @param cleanup per field (structure order) and kind, how many published values the text clean-up changed;
 *                empty when it changed none
 */
public record FeedRun(long id, String feedId, String node, Instant startedAt, Instant finishedAt, RunStatus status,
                      long rowsRead, long rowsWritten, long rowsRejected, String dataVersion, String message,
                      Long rowsAdded, Long rowsChanged, Long rowsRemoved, Long heldId, List<CleanupCount> cleanup) {

    public FeedRun {
        cleanup = cleanup == null ? List.of() : List.copyOf(cleanup);
    }

    /** The same run with another message (e.g. without server paths). */
    public FeedRun withMessage(String newMessage) {
        return new FeedRun(id, feedId, node, startedAt, finishedAt, status, rowsRead, rowsWritten, rowsRejected,
                dataVersion, newMessage, rowsAdded, rowsChanged, rowsRemoved, heldId, cleanup);
    }

    FeedRun withCleanup(List<CleanupCount> counts) {
        return new FeedRun(id, feedId, node, startedAt, finishedAt, status, rowsRead, rowsWritten, rowsRejected,
                dataVersion, message, rowsAdded, rowsChanged, rowsRemoved, heldId, counts);
    }
}
