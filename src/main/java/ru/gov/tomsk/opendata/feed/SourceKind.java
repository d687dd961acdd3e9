package ru.gov.tomsk.opendata.feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A source kind a feed may name, as its Kamelet {@code <name>-source.kamelet.yaml} defines it (read by
 * {@link SourceKinds}).
 *
 * @param options            what a feed file may write under {@code source:}
 * @param serviceParameters  the Kamelet's parameters the service supplies ({@code feedId}, {@code cron}, …); a feed
 *                           file that writes one is refused
 * @param consumer           the scheme of the Kamelet's consumer ({@code quartz}, {@code file}, {@code direct}…):
 *                           how a run of the kind starts
 */
public record SourceKind(String name, String title, String description, List<SourceOption> options,
                         Set<String> serviceParameters, String consumer) {

    public SourceKind {
        options = List.copyOf(options);
        serviceParameters = Set.copyOf(serviceParameters);
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

    /** The options as the Kamelet receives them: the given ones over the Kamelet's defaults. */
    public Map<String, String> withDefaults(Map<String, String> given) {
        Map<String, String> all = new LinkedHashMap<>();
        options.stream().filter(o -> o.defaultValue() != null).forEach(o -> all.put(o.name(), o.defaultValue()));
        all.putAll(given);
        return all;
    }

    /** The Kamelet's name, {@code <name>-source}. */
    public String templateId() {
        return name + "-source";
    }

    /** Whether the kind's consumer reads dropped files (one exchange per file, moved by its outcome). */
    public boolean readsFiles() {
        return Set.of("file", "ftp", "sftp").contains(consumer);
    }

    /**
     * Whether the kind's consumer reads a source when fired on a Quartz job (a {@code quartz:} endpoint, or a file
     * consumer polled by Quartz), so that a dry run can fire it once. A kind whose data is delivered to it
     * ({@code direct:}) has nothing to read on demand.
     */
    public boolean firedByQuartz() {
        return Set.of("quartz", "file", "ftp", "sftp").contains(consumer);
    }
}
