package ru.gov.tomsk.opendata.feed;

import java.util.Map;

/** The option checks of the source kinds, by kind name; provided by the {@code source} package. */
public record SourceChecks(Map<String, SourceCheck> byKind) {

    public SourceChecks {
        byKind = Map.copyOf(byKind);
    }
}
