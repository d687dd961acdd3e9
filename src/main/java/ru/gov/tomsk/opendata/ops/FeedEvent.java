package ru.gov.tomsk.opendata.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alert: logged once and posted once to the webhook.
 *
 * @param kind       what happened
 * @param feed       feed identifier
 * @param title      dataset title
 * @param condition  the feed's condition when the event was raised
 * @param message    a human sentence (English), no secrets
 * @param deadline   the deadline concerned, if any
 * @param runId      the run concerned, if any
 * @param occurredAt when the service noticed it
 */
public record FeedEvent(FeedEventKind kind, String feed, String title, FeedCondition condition, String message,
                        LocalDate deadline, Long runId, Instant occurredAt) {

    /** The webhook's JSON body (documented in the README): flat, stable keys, nulls included. */
    public Map<String, Object> json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", "opendata-bridge");
        body.put("event", kind.name());
        body.put("severity", kind.severity());
        body.put("feed", feed);
        body.put("title", title);
        body.put("condition", condition == null ? null : condition.name());
        body.put("message", message);
        body.put("deadline", deadline == null ? null : deadline.toString());
        body.put("runId", runId);
        body.put("occurredAt", occurredAt.toString());
        return body;
    }
}
