package ru.gov.tomsk.opendata.programme.requests;

/**
 * Where a request stands against its deadline, as the console, the metrics, the health contributor and the alerts
 * say it. Disjoint: every request is in exactly one, so the metric's series add up to the number of requests.
 */
public enum RequestStatus {
    /** unanswered, more than {@code warn-days} days to the deadline */
    ON_TIME("в срок", "✓"),
    /** unanswered, {@code warn-days} or fewer days to the deadline (the deadline day included) */
    AT_RISK("под угрозой", "!"),
    /** unanswered after the deadline day */
    OVERDUE("просрочен", "✗"),
    /** answered by the end of the deadline day */
    ANSWERED_ON_TIME("отвечен в срок", "✓"),
    /** answered after the deadline day */
    ANSWERED_LATE("отвечен с опозданием", "!");

    private final String russian;
    private final String mark;

    RequestStatus(String russian, String mark) {
        this.russian = russian;
        this.mark = mark;
    }

    /** As the console says it. */
    public String russian() {
        return russian;
    }

    /** A sign before the words, so that the state is not told by colour only. */
    public String mark() {
        return mark;
    }

    public boolean open() {
        return this == ON_TIME || this == AT_RISK || this == OVERDUE;
    }

    /** The label value of {@code opendata_data_requests{state=...}}. */
    public String metricLabel() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
