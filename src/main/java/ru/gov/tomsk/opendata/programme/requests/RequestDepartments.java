package ru.gov.tomsk.opendata.programme.requests;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;

/**
 * The departments a request can be routed to: those of {@code opendata.programme.departments} and those whose feeds
 * the service loads (the INN before the dash of a feed's identifier), each with a name: the configured one, else the
 * creator of its first feed's passport, else the INN itself.
 */
@Component
public class RequestDepartments {

    private final ProgrammeProperties programme;
    private final FeedRegistry registry;

    public RequestDepartments(ProgrammeProperties programme, FeedRegistry registry) {
        this.programme = programme;
        this.registry = registry;
    }

    /** Every department, by INN. */
    public List<Department> all() {
        TreeMap<String, String> names = new TreeMap<>();
        for (FeedDefinition feed : registry.feeds()) {
            String id = feed.identifier();
            int dash = id.indexOf('-');
            if (dash > 0) {
                String creator = feed.passport().creator();
                names.putIfAbsent(id.substring(0, dash), creator == null || creator.isBlank() ? null : creator);
            }
        }
        programme.departments().forEach((inn, d) -> {
            if (d.name() != null && !d.name().isBlank()) {
                names.put(inn, d.name());
            } else {
                names.putIfAbsent(inn, null);
            }
        });
        return names.entrySet().stream()
                .map(e -> new Department(e.getKey(), e.getValue() == null ? e.getKey() : e.getValue())).toList();
    }

    public Optional<Department> find(String inn) {
        return all().stream().filter(d -> d.inn().equals(inn)).findFirst();
    }

    /** The name to show for an INN: the department's, or the INN itself if it is no longer known. */
    public String name(String inn) {
        return inn == null ? null : find(inn).map(Department::name).orElse(inn);
    }

    /** @param name as the console shows it */
    public record Department(String inn, String name) {
    }
}
