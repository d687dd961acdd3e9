package ru.gov.tomsk.opendata.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * What the text clean-up changed during one run, per field and {@link CleanupKind}, so that no change to a
 * source's values goes unrecorded. Only published records count: the changes of a record are kept aside while it
 * is converted and checked, then added when it is published or dropped when it is rejected.
 *
 * <p>Built for the hot path: nothing is allocated for a value the clean-up leaves alone, and a changed value costs
 * a few array writes (plus, in a dry run, a copy for each of the first few examples).
 */
public final class TextCleanup {

    private static final int KINDS = CleanupKind.values().length;

    private final List<String> fields;
    private final int examplesPerKind;
    private final long[] counts;
    private final List<CleanupExample> examples = new ArrayList<>();
    private final int[] exampleCounts;
    private final ValueNormalizer.Changes[] sinks;
    // the record being converted
    private final int[] pendingKinds;
    private final String[] pendingBefore;
    private final String[] pendingAfter;
    private final int[] touched;
    private int touchedCount;

    /**
     * @param fields          the structure's field names, in order
     * @param examplesPerKind how many before/after examples to keep per field and kind (a dry run's; 0 in runs)
     */
    public TextCleanup(List<String> fields, int examplesPerKind) {
        this.fields = List.copyOf(fields);
        this.examplesPerKind = examplesPerKind;
        int n = this.fields.size();
        this.counts = new long[n * KINDS];
        this.exampleCounts = new int[n * KINDS];
        this.pendingKinds = new int[n];
        this.pendingBefore = new String[n];
        this.pendingAfter = new String[n];
        this.touched = new int[n];
        this.sinks = new ValueNormalizer.Changes[n];
        for (int i = 0; i < n; i++) {
            int field = i;
            sinks[i] = (kinds, before, after) -> change(field, kinds, before, after);
        }
    }

    /** For a run that never got to its records. */
    public static TextCleanup none() {
        return new TextCleanup(List.of(), 0);
    }

    /** Where the clean-up of the field at {@code index} reports its changes. */
    public ValueNormalizer.Changes field(int index) {
        return sinks[index];
    }

    private void change(int field, int kinds, String before, String after) {
        if (pendingKinds[field] == 0) {
            touched[touchedCount++] = field;
            pendingBefore[field] = before;
        }
        pendingKinds[field] |= kinds;
        pendingAfter[field] = after;
    }

    /** The record whose values were converted last is published: its changes count. */
    public void published() {
        for (int t = 0; t < touchedCount; t++) {
            int field = touched[t];
            int kinds = pendingKinds[field];
            for (CleanupKind kind : CleanupKind.values()) {
                if ((kinds & kind.bit()) != 0) {
                    int slot = field * KINDS + kind.ordinal();
                    counts[slot]++;
                    if (exampleCounts[slot] < examplesPerKind) {
                        exampleCounts[slot]++;
                        examples.add(CleanupExample.of(fields.get(field), kind, pendingBefore[field], pendingAfter[field]));
                    }
                }
            }
        }
        rejected();
    }

    /** The record whose values were converted last is rejected: it is not published, so its changes do not count. */
    public void rejected() {
        for (int t = 0; t < touchedCount; t++) {
            int field = touched[t];
            pendingKinds[field] = 0;
            pendingBefore[field] = null;
            pendingAfter[field] = null;
        }
        touchedCount = 0;
    }

    /** Per field (structure order) and kind, the values changed; only those the clean-up changed at all. */
    public List<CleanupCount> counts() {
        List<CleanupCount> list = new ArrayList<>();
        for (int field = 0; field < fields.size(); field++) {
            for (CleanupKind kind : CleanupKind.values()) {
                long n = counts[field * KINDS + kind.ordinal()];
                if (n > 0) {
                    list.add(new CleanupCount(fields.get(field), kind, n));
                }
            }
        }
        return list;
    }

    /** The field's place in the structure (0-based). */
    public int position(String field) {
        return fields.indexOf(field);
    }

    /** The first examples per field and kind, in the order the records came. */
    public List<CleanupExample> examples() {
        return List.copyOf(examples);
    }
}
