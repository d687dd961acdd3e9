package ru.gov.tomsk.opendata.dataset;

import java.util.List;
import java.util.stream.Collectors;

/** How many values of one field the text clean-up changed in one way during a run. */
public record CleanupCount(String field, CleanupKind kind, long values) {

    /** One line for a log: {@code name: 3 edges, 1 control characters; address: 2 line breaks}. */
    public static String summary(List<CleanupCount> counts) {
        return counts.stream()
                .collect(Collectors.groupingBy(CleanupCount::field, java.util.LinkedHashMap::new,
                        Collectors.mapping(c -> c.values() + " " + c.kind().word(), Collectors.joining(", "))))
                .entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
    }
}
