package ru.gov.tomsk.opendata.source;

import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.DatasetPipeline;
import ru.gov.tomsk.opendata.feed.FeedRunFailedException;

/**
 * Error handling of every source route, in one place. A failure ends that run only: it is recorded
 * with its cause, the published version stays as it was, and the schedule fires again as usual.
 */
public class FeedRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "feed-source";
    private static final Logger LOG = LoggerFactory.getLogger(FeedRouteConfiguration.class);

    private final RunLog runLog;

    public FeedRouteConfiguration(RunLog runLog) {
        this.runLog = runLog;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class).handled(true).process(this::recordFailure);
    }

    private void recordFailure(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String feedId = exchange.getIn().getHeader(DatasetPipeline.FEED_HEADER, String.class);
        if (error instanceof FeedRunFailedException) {
            LOG.error("Run of feed {} failed; the published version is kept: {}", feedId, error.getMessage());
            return;
        }
        // the source failed before the pipeline started (database down, bad query, unreadable file)
        String reason = "source failed: " + FeedRunFailedException.describe(error);
        LOG.error("Run of feed {} failed; the published version is kept: {}", feedId, reason);
        runLog.recordFailure(feedId, Instant.ofEpochMilli(exchange.getClock().getCreated()), RunStatus.FAILED, reason);
    }
}
