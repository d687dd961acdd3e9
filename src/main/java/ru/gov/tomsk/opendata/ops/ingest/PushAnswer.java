package ru.gov.tomsk.opendata.ops.ingest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a push is answered: the outcome of its run, with the counts and the first rejected records, or, for a push
 * still running, where to ask for it.
 *
 * @param feed        the feed pushed to
 * @param push        number of the push; its status URL ends with it
 * @param outcome     {@code published}, {@code unchanged}, {@code held}, {@code rejected} or {@code failed}; while it
 *                    runs {@code accepted}
 * @param message     why it was held, rejected or failed, or what was rejected; in English, naming the line or field
 * @param run         the run in the service's run history
 * @param counts      records read from the body, valid (written to the version), rejected
 * @param version     the data version published or confirmed (published, unchanged)
 * @param heldVersion the held version an operator must approve or discard (held)
 * @param rejects     the first rejected records: row (1 = the first record after the header), key, field and reason
 * @param status      the status URL of a push that is still running
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The outcome of a push, or where to ask for it while it runs")
public record PushAnswer(String feed, long push,
                         @Schema(allowableValues = {"published", "unchanged", "held", "rejected", "failed", "accepted"})
                         String outcome,
                         String message, Long run, Counts counts, String version, Long heldVersion,
                         List<Reject> rejects, String status) {

    public static final String PUBLISHED = "published";
    public static final String UNCHANGED = "unchanged";
    public static final String HELD = "held";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";
    public static final String ACCEPTED = "accepted";

    public record Counts(long read, long valid, long rejected) {
    }

    public record Reject(long row, String key, String field, String reason) {
    }

    static PushAnswer accepted(String feed, long push, String status) {
        return new PushAnswer(feed, push, ACCEPTED, "the push is being processed; ask the status URL for its outcome",
                null, null, null, null, null, status);
    }
}
