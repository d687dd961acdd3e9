package ru.gov.tomsk.opendata.publish;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** to be sent: due at {@code next_attempt_at} (at once when new, later after a failure) */
    PENDING,
    /** the target holds the dataset as it was when the delivery was last requested */
    DONE,
    /** given up (a permanent failure, or still failing after {@code opendata.outbox.max-age}); an operator retries it */
    FAILED,
    /** a newer version of the dataset was queued for the same target before this one went out */
    SUPERSEDED
}
