package ru.gov.tomsk.opendata.feed;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a feed file's {@code mandates:} may name: the lists of the mandated-lists catalogue ({@code config/mandates},
 * docs/mandates.md) and their item numbers. The feed package knows only this index; the catalogue itself is the
 * programme's.
 *
 * @param lists   item numbers by list id, as the catalogue is now
 * @param broken  catalogue files that could not be read, one line each (file:line: problem), for the validate command
 * @param checked whether a catalogue was consulted at all; without one only the form {@code <list>/<number>} is checked
 */
public record MandateIndex(Map<String, SortedSet<Integer>> lists, List<String> broken, boolean checked) {

    /** No catalogue consulted: a reference is checked for its form only. */
    public static final MandateIndex UNCHECKED = new MandateIndex(Map.of(), List.of(), false);

    public MandateIndex {
        TreeMap<String, SortedSet<Integer>> copy = new TreeMap<>();
        lists.forEach((id, items) -> copy.put(id, Collections.unmodifiableSortedSet(new TreeSet<>(items))));
        lists = Collections.unmodifiableSortedMap(copy);
        broken = List.copyOf(broken);
    }

    /**
     * Whether a list missing from {@link #lists()} is an error: not when no catalogue is consulted, nor while a
     * catalogue file is broken (the list may be in it, and a typo in the catalogue must not refuse every feed).
     */
    public boolean complete() {
        return checked && broken.isEmpty();
    }

    /** The bean that keeps the catalogue (the programme's); the feed rules ask it at each parse. */
    public interface Provider {

        MandateIndex index();
    }
}
