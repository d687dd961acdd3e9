package ru.gov.tomsk.opendata.feed;

import java.util.Set;

/**
 * A source kind a feed may name, with the options its route template takes.
 * The template itself is {@code routes/templates/<name>-source.camel.yaml}.
 */
public record SourceKind(String name, Set<String> required, Set<String> optional) {

    public SourceKind {
        required = Set.copyOf(required);
        optional = Set.copyOf(optional);
    }

    public boolean accepts(String option) {
        return required.contains(option) || optional.contains(option);
    }

    public String templateId() {
        return name + "-source";
    }

    /** The source kinds this version of the service can run. */
    public static final Set<SourceKind> BUILT_IN = Set.of(
            new SourceKind("sql", Set.of("datasource", "query"), Set.of("fetchSize")));
}
