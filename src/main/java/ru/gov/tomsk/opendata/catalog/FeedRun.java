package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;

/** One recorded run of a feed. */
public record FeedRun(long id, String feedId, String node, Instant startedAt, Instant finishedAt, RunStatus status,
                      long rowsRead, long rowsWritten, long rowsRejected, String dataVersion, String message) {
}
