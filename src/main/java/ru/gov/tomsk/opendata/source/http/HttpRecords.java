package ru.gov.tomsk.opendata.source.http;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.SourceKind;
import ru.gov.tomsk.opendata.feed.SourceOption;
import ru.gov.tomsk.opendata.http.HttpClients;

/**
 * The bean the {@code http-source} route template calls ({@code httpRecords}): for the feed the exchange names,
 * fetches the first page and returns the records of all pages as a lazy iterator for {@code direct:dataset}.
 *
 * <p>It reads the feed's options from the registry rather than as template parameters: they are the same
 * values, and two dozen mostly optional options would not pass cleanly through a bean call's arguments.
 */
public class HttpRecords {

    private final FeedRegistry registry;
    private final SourceKind kind;
    private final HttpClients http;
    private final PageFetcher.Sleeper sleeper;
    private final Clock clock;

    public HttpRecords(FeedRegistry registry, SourceKind kind, HttpClients http) {
        this(registry, kind, http, PageFetcher.REAL_SLEEP, Clock.systemUTC());
    }

    HttpRecords(FeedRegistry registry, SourceKind kind, HttpClients http, PageFetcher.Sleeper sleeper, Clock clock) {
        this.registry = registry;
        this.kind = kind;
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The records of the feed's HTTP source; the first page is already fetched. */
    public PagedRecords open(String feedId) {
        return openFeed(registry.feed(feedId)
                .orElseThrow(() -> new IllegalStateException("no valid feed named '" + feedId + "' is loaded")));
    }

    /**
     * The same for a feed given as it is, loaded or not (a dry run of a posted feed file). Named apart from
     * {@link #open(String)} so that the template's bean call has one method to bind.
     */
    public PagedRecords openFeed(FeedDefinition feed) {
        String feedId = feed.identifier();
        HttpSourceSpec spec = HttpSourceSpec.of(options(kind, feed.source().options()));
        return new PagedRecords(feedId, spec, new PageFetcher(feedId, spec, http, sleeper, clock)).start();
    }

    /** The feed's options over the kind's defaults, as the route template's parameters are. */
    static Map<String, String> options(SourceKind kind, Map<String, String> given) {
        Map<String, String> options = new HashMap<>();
        for (SourceOption option : kind.options()) {
            if (option.defaultValue() != null) {
                options.put(option.name(), option.defaultValue());
            }
        }
        options.putAll(given);
        return options;
    }
}
