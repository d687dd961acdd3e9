package ru.gov.tomsk.opendata.source.http;

import java.time.Clock;
import java.util.Map;

import org.apache.camel.Header;
import org.apache.camel.Variables;

import ru.gov.tomsk.opendata.pipeline.DatasetPipeline;
import ru.gov.tomsk.opendata.http.HttpClients;
import ru.gov.tomsk.opendata.source.PayloadRecords;

/**
 * The bean the {@code http-source} Kamelet calls ({@code httpRecords}): fetches the first page and returns the
 * records of all pages as a lazy iterator for {@code direct:dataset}. The Kamelet gives it the feed's HTTP options,
 * its defaults included, as exchange variables: two dozen mostly optional options pass more cleanly that way than
 * as a bean call's arguments.
 */
public class HttpRecords {

    private final HttpClients http;
    private final PageFetcher.Sleeper sleeper;
    private final Clock clock;

    public HttpRecords(HttpClients http) {
        this(http, PageFetcher.REAL_SLEEP, Clock.systemUTC());
    }

    HttpRecords(HttpClients http, PageFetcher.Sleeper sleeper, Clock clock) {
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The records of the feed's HTTP source; the first page is already fetched. */
    public PagedRecords open(@Header(DatasetPipeline.FEED_HEADER) String feedId, @Variables Map<String, Object> options) {
        return open(feedId, HttpSourceSpec.of(PayloadRecords.text(options)));
    }

    PagedRecords open(String feedId, HttpSourceSpec spec) {
        return new PagedRecords(feedId, spec, new PageFetcher(feedId, spec, http, sleeper, clock)).start();
    }
}
