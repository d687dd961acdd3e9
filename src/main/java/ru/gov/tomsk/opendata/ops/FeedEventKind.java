package ru.gov.tomsk.opendata.ops;

/** What happened to a feed that an administrator must hear about. */
public enum FeedEventKind {
    /** the newest run of a feed failed */
    RUN_FAILED(true),
    /** a guard held a new version back for an operator */
    VERSION_HELD(false),
    /** a deadline is near and the data is not updated yet */
    AT_RISK(false),
    /** a deadline passed without an update */
    OVERDUE(true),
    /** the outbox gave up a delivery to a portal */
    DELIVERY_FAILED(true),
    /** a feed file is broken and cannot run */
    FEED_INVALID(true),
    /** a request for a new dataset is unanswered and its deadline is near ({@code feed} is the request's number) */
    REQUEST_AT_RISK(false),
    /** a request for a new dataset is unanswered after its deadline ({@code feed} is the request's number) */
    REQUEST_OVERDUE(true);

    private final boolean critical;

    FeedEventKind(boolean critical) {
        this.critical = critical;
    }

    /** Critical events are logged as ERROR, the others as WARN. */
    public boolean critical() {
        return critical;
    }

    public String severity() {
        return critical ? "critical" : "warning";
    }
}
