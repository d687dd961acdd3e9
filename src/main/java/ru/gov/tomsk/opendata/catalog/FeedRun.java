package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;
import java.util.List;

import ru.gov.tomsk.opendata.dataset.CleanupCount;

/**
 * One recorded run of a feed; the row diff and the held version are set when the run got that far.
 *
 * @param message           what happened, in the service's (English) words, for logs, alerts and statuses
 * @param cleanup           per field (structure order) and kind, how many published values the text clean-up changed;
 *                          empty when it changed none
 * @param departmentMessage for a run that failed or could not start, what the department reads: plain Russian, then
 *                          «Подробности: » and the message; null otherwise
 */
public record FeedRun(long id, String feedId, String node, Instant startedAt, Instant finishedAt, RunStatus status,
                      long rowsRead, long rowsWritten, long rowsRejected, String dataVersion, String message,
                      Long rowsAdded, Long rowsChanged, Long rowsRemoved, Long heldId, List<CleanupCount> cleanup,
                      String departmentMessage) {

    public FeedRun {
        cleanup = cleanup == null ? List.of() : List.copyOf(cleanup);
    }

    /** What a person reads about the run (console, API): the department's text when there is one, else the message. */
    public String shownMessage() {
        return departmentMessage != null ? departmentMessage : message;
    }

    /** The same run with its messages passed through {@code change} (e.g. to remove server paths). */
    public FeedRun withMessages(java.util.function.UnaryOperator<String> change) {
        return new FeedRun(id, feedId, node, startedAt, finishedAt, status, rowsRead, rowsWritten, rowsRejected,
                dataVersion, change.apply(message), rowsAdded, rowsChanged, rowsRemoved, heldId, cleanup,
                departmentMessage == null ? null : change.apply(departmentMessage));
    }

    FeedRun withCleanup(List<CleanupCount> counts) {
        return new FeedRun(id, feedId, node, startedAt, finishedAt, status, rowsRead, rowsWritten, rowsRejected,
                dataVersion, message, rowsAdded, rowsChanged, rowsRemoved, heldId, counts, departmentMessage);
    }
}
