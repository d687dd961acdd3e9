package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;
import java.util.List;

/** A rendered version a guard held back, waiting for an operator to approve or discard it. */
public record HeldVersion(long id, String identifier, long runId, Instant createdAt, Status status, String reason,
                          String fingerprint, long rowCount, List<String> formats, String provenance,
                          Long rowsAdded, Long rowsChanged, Long rowsRemoved, Instant decidedAt, String decidedBy) {

    public enum Status { HELD, APPROVED, DISCARDED, SUPERSEDED }
}
