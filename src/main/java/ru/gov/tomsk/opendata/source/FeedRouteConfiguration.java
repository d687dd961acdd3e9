package ru.gov.tomsk.opendata.source;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.catalog.RunCounts;
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
    /** Start of the newest successful run (1970-01-01 before the first), for incremental views. */
    public static final String LAST_SUCCESS_AT = "lastSuccessAt";
    /** When this run started. */
    public static final String RUN_STARTED_AT = "runStartedAt";
    private static final Logger LOG = LoggerFactory.getLogger(FeedRouteConfiguration.class);

    private final RunLog runLog;
    private final ZoneId zone;
    private final Clock clock;

    public FeedRouteConfiguration(RunLog runLog, ZoneId zone, Clock clock) {
        this.runLog = runLog;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition feedSource = routeConfiguration(ID);
        // the run exists from the moment the feed fires, so a source that hangs shows as RUNNING
        feedSource.interceptFrom().process(this::startRun);
        feedSource.onException(Exception.class).handled(true).process(this::recordFailure);
    }

    /** Opens the run of a feed route's exchange; the route id is {@code feed-<identifier>}. */
    void startRun(Exchange exchange) {
        String routeId = exchange.getFromRouteId();
        if (routeId != null && routeId.startsWith(FeedRoutes.ROUTE_PREFIX)) {
            String feedId = routeId.substring(FeedRoutes.ROUTE_PREFIX.length());
            exchange.getIn().setHeader(DatasetPipeline.FEED_HEADER, feedId);
            // named parameters a query may use (:#lastSuccessAt, :#runStartedAt), in the region's local time
            Instant lastSuccess = runLog.lastSuccessStart(feedId).orElse(Instant.EPOCH);
            exchange.setProperty(DatasetPipeline.RUN_PROPERTY, runLog.start(feedId));
            exchange.getIn().setHeader(LAST_SUCCESS_AT, LocalDateTime.ofInstant(lastSuccess, zone));
            exchange.getIn().setHeader(RUN_STARTED_AT, LocalDateTime.ofInstant(clock.instant(), zone));
        }
    }

    void recordFailure(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String feedId = exchange.getIn().getHeader(DatasetPipeline.FEED_HEADER, String.class);
        if (error instanceof FeedRunFailedException) {
            LOG.error("Run of feed {} failed; the published version is kept: {}", feedId, error.getMessage());
            return;
        }
        // the source failed before the pipeline started (database down, bad query, unreadable file)
        String reason = "source failed: " + FeedRunFailedException.describe(error);
        LOG.error("Run of feed {} failed; the published version is kept: {}", feedId, reason);
        Long runId = exchange.getProperty(DatasetPipeline.RUN_PROPERTY, Long.class);
        if (runId != null) {
            runLog.finish(runId, RunStatus.FAILED, new RunCounts(), null, reason);
        } else {
            runLog.recordFailure(feedId, Instant.ofEpochMilli(exchange.getClock().getCreated()), RunStatus.FAILED, reason);
        }
    }
}
