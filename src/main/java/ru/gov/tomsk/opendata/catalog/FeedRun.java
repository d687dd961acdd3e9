package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;

/** One recorded run of a feed; the row diff and the held version are set when the run got that far. */
public record FeedRun(long id, String feedId, String node, Instant startedAt, Instant finishedAt, RunStatus status,
                      long rowsRead, long rowsWritten, long rowsRejected, String dataVersion, String message,
                      Long rowsAdded, Long rowsChanged, Long rowsRemoved, Long heldId) {
}
