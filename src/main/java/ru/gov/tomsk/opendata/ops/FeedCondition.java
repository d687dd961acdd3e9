package ru.gov.tomsk.opendata.ops;

/**
 * Where a feed stands, as an administrator sees it at a glance. Declared from best to worst: when several
 * apply, the worst one (the highest ordinal) is the feed's condition.
 */
public enum FeedCondition {
    /** published or confirmed in time, nothing waiting */
    OK,
    /** valid feed that has never run (or never finished a run) yet */
    NEVER_RUN,
    /** a run is going on right now */
    RUNNING,
    /** the deadline is within {@code opendata.deadlines.warn-days} and not met yet */
    AT_RISK,
    /** a guard held a new version back; an operator must approve or discard it */
    HELD,
    /** the deadline has passed without a successful check */
    OVERDUE,
    /** the last run failed; the previous version stays published */
    FAILING,
    /** the feed file is broken and cannot run */
    INVALID;

    /** The worse of the two. */
    public FeedCondition worst(FeedCondition other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
