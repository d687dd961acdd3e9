package ru.gov.tomsk.opendata.feed;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A source kind a feed may name, with the options its route template takes.
 * The template itself is {@code routes/templates/<name>-source.camel.yaml}; its parameters are
 * these options plus {@code feedId}, {@code cron} and {@code timeZone}, which the service supplies.
 */
public record SourceKind(String name, String title, List<SourceOption> options) {

    public SourceKind {
        options = List.copyOf(options);
    }

    public Optional<SourceOption> option(String option) {
        return options.stream().filter(o -> o.name().equals(option)).findFirst();
    }

    public boolean accepts(String option) {
        return option(option).isPresent();
    }

    public Set<String> required() {
        return options.stream().filter(SourceOption::required).map(SourceOption::name).collect(Collectors.toCollection(TreeSet::new));
    }

    public Set<String> names() {
        return options.stream().map(SourceOption::name).collect(Collectors.toCollection(TreeSet::new));
    }

    public String templateId() {
        return name + "-source";
    }
}
