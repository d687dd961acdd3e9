package ru.gov.tomsk.opendata.feed;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a feed file is checked against besides its own content: the source kinds the service runs,
 * the datasources the operator configured, the environment that fills {@code ${NAME}} placeholders,
 * the delivery targets ({@code opendata.targets}) that {@code publish} may name, and the mandated lists whose items
 * {@code mandates} may name (read anew at each parse: the catalogue may change while the service runs).
 */
public record FeedRules(Map<String, SourceKind> kinds, Set<String> datasources, Function<String, String> environment,
                        Map<String, SourceCheck> checks, Set<String> targets, Supplier<MandateIndex> mandates) {

    public FeedRules {
        kinds = new TreeMap<>(kinds);
        datasources = Set.copyOf(datasources);
        checks = Map.copyOf(checks);
        targets = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(targets));
        mandates = mandates == null ? () -> MandateIndex.UNCHECKED : mandates;
    }

    public FeedRules(Map<String, SourceKind> kinds, Set<String> datasources, Function<String, String> environment,
                     Map<String, SourceCheck> checks, Set<String> targets) {
        this(kinds, datasources, environment, checks, targets, null);
    }

    public static FeedRules of(Set<String> datasources, Function<String, String> environment) {
        return of(datasources, environment, Map.of());
    }

    /** @param checks the source kinds' option checks, by kind name; the kinds are the Kamelets of the default locations */
    public static FeedRules of(Set<String> datasources, Function<String, String> environment, Map<String, SourceCheck> checks) {
        Map<String, SourceKind> kinds = new TreeMap<>();
        SourceKinds.builtIn().forEach(k -> kinds.put(k.name(), k));
        return new FeedRules(kinds, datasources, environment, checks, Set.of());
    }

    /** The same rules with these source kinds (read by {@link SourceKinds#load}) instead of the default locations'. */
    public FeedRules withKinds(Map<String, SourceKind> sourceKinds) {
        return new FeedRules(sourceKinds, datasources, environment, checks, targets, mandates);
    }

    /** The same rules with these delivery targets configured (none by default). */
    public FeedRules withTargets(Set<String> targetNames) {
        return new FeedRules(kinds, datasources, environment, checks, targetNames, mandates);
    }

    /** The same rules checking {@code mandates:} against this catalogue (none by default: the form only). */
    public FeedRules withMandates(Supplier<MandateIndex> catalogue) {
        return new FeedRules(kinds, datasources, environment, checks, targets, catalogue);
    }

    public Optional<SourceKind> kind(String name) {
        return Optional.ofNullable(kinds.get(name));
    }
}
