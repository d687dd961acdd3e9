package ru.gov.tomsk.opendata.feed;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a feed file is checked against besides its own content: the source kinds the service runs,
 * the datasources the operator configured, and the environment that fills {@code ${NAME}} placeholders.
 */
public record FeedRules(Map<String, SourceKind> kinds, Set<String> datasources, Function<String, String> environment,
                        Map<String, SourceCheck> checks) {

    public FeedRules {
        kinds = new TreeMap<>(kinds);
        datasources = Set.copyOf(datasources);
        checks = Map.copyOf(checks);
    }

    public static FeedRules of(Set<String> datasources, Function<String, String> environment) {
        return of(datasources, environment, Map.of());
    }

    /** @param checks the source kinds' option checks, by kind name */
    public static FeedRules of(Set<String> datasources, Function<String, String> environment, Map<String, SourceCheck> checks) {
        Map<String, SourceKind> kinds = new TreeMap<>();
        SourceKinds.builtIn().forEach(k -> kinds.put(k.name(), k));
        return new FeedRules(kinds, datasources, environment, checks);
    }

    public Optional<SourceKind> kind(String name) {
        return Optional.ofNullable(kinds.get(name));
    }
}
