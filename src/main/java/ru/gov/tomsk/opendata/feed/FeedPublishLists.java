package ru.gov.tomsk.opendata.feed;

import java.util.Collection;
import java.util.Optional;

import ru.gov.tomsk.opendata.publish.PublishLists;

/** The targets of each loaded feed, as the feed registry holds it now (a reloaded feed counts at once). */
class FeedPublishLists implements PublishLists {

    private final FeedRegistry registry;

    FeedPublishLists(FeedRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Collection<String>> targetsOf(String identifier) {
        return registry.feed(identifier).map(FeedDefinition::publish);
    }
}
