package ru.gov.tomsk.opendata.ops.console;

import java.util.List;
import java.util.Locale;

import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatus;

/**
 * The overview page: the feeds the filter lets through, and the totals over all of them (the totals never depend
 * on the filter, so that a narrowed table cannot hide that something else is wrong).
 *
 * @param query     the text searched in identifiers and titles, as typed ("" for none)
 * @param condition the chosen condition: "" (all), {@value #ATTENTION}, or a {@link FeedCondition} name
 */
public record Overview(List<FeedStatus> rows, Totals totals, String query, String condition) {

    /** Filter value: every feed someone has to do something about. */
    static final String ATTENTION = "attention";

    /** Counts over every feed. */
    public record Totals(int feeds, int ok, int neverRun, int running, int atRisk, int held, int overdue, int failing,
                         int invalid, int heldVersions, int pendingDeliveries, int failedDeliveries) {

        public int attention() {
            return atRisk + held + overdue + failing + invalid;
        }
    }

    public boolean filtered() {
        return !query.isEmpty() || !condition.isEmpty();
    }

    static Overview of(List<FeedStatus> all, String query, String condition, ConsoleText text) {
        String q = query == null ? "" : query.strip();
        String c = condition == null ? "" : condition.strip();
        FeedCondition wanted = parse(c);
        if (!c.isEmpty() && !c.equals(ATTENTION) && wanted == null) {
            c = ""; // an unknown value from a hand-edited address: show everything rather than nothing
        }
        String needle = q.toLowerCase(Locale.ROOT);
        String chosen = c;
        List<FeedStatus> rows = all.stream()
                .filter(s -> needle.isEmpty() || s.identifier().toLowerCase(Locale.ROOT).contains(needle)
                        || (s.title() != null && s.title().toLowerCase(Locale.ROOT).contains(needle)))
                .filter(s -> chosen.isEmpty() || (chosen.equals(ATTENTION) ? text.needsAttention(s.condition())
                        : s.condition() == wanted))
                .toList();
        return new Overview(rows, totals(all), q, c);
    }

    private static FeedCondition parse(String value) {
        for (FeedCondition condition : FeedCondition.values()) {
            if (condition.name().equals(value)) {
                return condition;
            }
        }
        return null;
    }

    private static Totals totals(List<FeedStatus> all) {
        int[] by = new int[FeedCondition.values().length];
        int held = 0;
        int pending = 0;
        int failed = 0;
        for (FeedStatus s : all) {
            by[s.condition().ordinal()]++;
            held += s.heldVersions();
            pending += s.pendingDeliveries();
            failed += s.failedDeliveries();
        }
        return new Totals(all.size(), by[FeedCondition.OK.ordinal()], by[FeedCondition.NEVER_RUN.ordinal()],
                by[FeedCondition.RUNNING.ordinal()], by[FeedCondition.AT_RISK.ordinal()], by[FeedCondition.HELD.ordinal()],
                by[FeedCondition.OVERDUE.ordinal()], by[FeedCondition.FAILING.ordinal()],
                by[FeedCondition.INVALID.ordinal()], held, pending, failed);
    }
}
