package ru.gov.tomsk.opendata.programme;

import java.util.Comparator;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;

/**
 * Which feed publishes one of the section's own datasets (source kind {@code section}): the programme pages link
 * each obligation to it. The identifier is the region's choice (the shipped ones are {@code 7017000420-…}), so it is
 * looked up in the loaded feed files rather than assumed.
 */
@Component
public class SectionFeeds {

    private final FeedRegistry registry;

    public SectionFeeds(FeedRegistry registry) {
        this.registry = registry;
    }

    /** The identifier of the first feed (by identifier) that publishes the dataset; null if none does. */
    public String publishing(String dataset) {
        return registry.feeds().stream()
                .filter(f -> "section".equals(f.source().kind()) && dataset.equals(f.source().options().get("dataset")))
                .map(FeedDefinition::identifier)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }
}
