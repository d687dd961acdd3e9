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
import ru.gov.tomsk.opendata.pipeline.DatasetPipeline;
import ru.gov.tomsk.opendata.dataset.DepartmentMessage;
import ru.gov.tomsk.opendata.pipeline.FeedRunFailedException;
import ru.gov.tomsk.opendata.pipeline.RunFailures;
import ru.gov.tomsk.opendata.feed.SourceKind;

/**
 * Error handling of every feed's routes, in one place: the route of its kind's Kamelet ({@code source-<identifier>},
 * given one of these as its {@code routeConfiguration} parameter), and the feed's route that reads the Kamelet
 * ({@code feed-<identifier>}). A failure of the pipeline is handled where it happens, in the feed's route: by the
 * time it reaches the Kamelet's route, Camel counts it as handled by an error handler already. A failure ends that run only: it is recorded
 * with its cause, the published version stays as it was, and the schedule fires again as usual.
 *
 * <p>Two configurations: {@value #ID} for sources fired by a {@code quartz:} endpoint (sql, http), where the
 * failure is handled once recorded; and {@value #FILE_ID} for file drops (file, ftp, sftp), where it is recorded
 * the same way but left unhandled, because the file consumer decides by the exchange's outcome where the file
 * goes: a handled failure would look like success, move a bad file to {@code .done/} and keep its idempotent key,
 * so that a corrected drop of the same file could never run.
 */
public class FeedRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "feed-source";
    public static final String FILE_ID = "feed-file-source";
    /** Start of the newest successful run (1970-01-01 before the first), for incremental views. */
    public static final String LAST_SUCCESS_AT = "lastSuccessAt";
    /** When this run started. */
    public static final String RUN_STARTED_AT = "runStartedAt";
    private static final String FAILURE_RECORDED = "OpendataFailureRecorded";
    private static final Logger LOG = LoggerFactory.getLogger(FeedRouteConfiguration.class);

    private final RunLog runLog;
    private final ZoneId zone;
    private final Clock clock;
    private final FileDrops drops;

    public FeedRouteConfiguration(RunLog runLog, ZoneId zone, Clock clock, FileDrops drops) {
        this.runLog = runLog;
        this.zone = zone;
        this.clock = clock;
        this.drops = drops;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition feedSource = routeConfiguration(ID);
        // the run exists from the moment the feed fires, so a source that hangs shows as RUNNING
        feedSource.interceptFrom().process(this::startRun);
        feedSource.onException(Exception.class).handled(true).process(this::recordFailure);

        // A file drop's run opens when its file is picked up. After a failure the consumer moves the file to
        // .error/ and forgets its key (rollback); the reason is written beside it. A file that changed while it was
        // read is the exception: it stays where it is, without a reason file (CompleteDrops). Errors of the poll itself
        // (server unreachable, host key refused) arrive here too, through bridgeErrorHandler, without a file
        // and without an opened run. The failure is logged once, with its reason, by recordFailure: Camel's own
        // report of the exhausted exchange, with its stack trace, would only repeat it.
        RouteConfigurationDefinition fileSource = routeConfiguration(FILE_ID);
        fileSource.errorHandler(defaultErrorHandler().logExhausted(false));
        fileSource.interceptFrom().process(this::startRun);
        fileSource.onException(Exception.class).handled(false).process(exchange -> {
            // once, though the exception passes from the feed's route back into the Kamelet's route
            if (exchange.getProperty(FAILURE_RECORDED) != null) {
                return;
            }
            exchange.setProperty(FAILURE_RECORDED, true);
            String reason = recordFailure(exchange, drops.pollTarget(exchange),
                    drops.hint(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
            drops.writeReason(exchange, feedId(exchange), reason);
        });
    }

    /** The configuration of a kind's routes: {@value #FILE_ID} for the file-drop kinds, else {@value #ID}. */
    public static String of(SourceKind kind) {
        return kind.readsFiles() ? FILE_ID : ID;
    }

    /**
     * Opens the run of a feed's exchange as it enters the Kamelet's route ({@code source-<identifier>}); once, though
     * the feed's route, which reads the Kamelet, has this configuration too.
     */
    void startRun(Exchange exchange) {
        if (exchange.getProperty(DatasetPipeline.RUN_PROPERTY) != null) {
            return;
        }
        String feedId = FeedRoutes.feedOf(exchange.getFromRouteId());
        if (feedId != null) {
            FileDrops.rememberDropEndpoint(exchange);
            exchange.getIn().setHeader(DatasetPipeline.FEED_HEADER, feedId);
            Instant lastSuccess = runLog.lastSuccessStart(feedId).orElse(Instant.EPOCH);
            exchange.setProperty(DatasetPipeline.RUN_PROPERTY, runLog.start(feedId));
            queryParameters(exchange, lastSuccess);
        }
    }

    /**
     * The named parameters a query may use ({@code :#lastSuccessAt}, {@code :#runStartedAt}), in the region's local
     * time, as a run of the feed would have them now; a dry run gives them without opening a run.
     */
    public void queryParameters(Exchange exchange, String feedId) {
        queryParameters(exchange, runLog.lastSuccessStart(feedId).orElse(Instant.EPOCH));
    }

    private void queryParameters(Exchange exchange, Instant lastSuccess) {
        exchange.getIn().setHeader(LAST_SUCCESS_AT, LocalDateTime.ofInstant(lastSuccess, zone));
        exchange.getIn().setHeader(RUN_STARTED_AT, LocalDateTime.ofInstant(clock.instant(), zone));
    }

    void recordFailure(Exchange exchange) {
        recordFailure(exchange, null, null);
    }

    /**
     * Records the failed run unless the pipeline already did; returns what the department reads about it (the run
     * log's department message), for the reason file beside a refused file.
     *
     * @param where what the source could not read, when the cause's own message may not say (an FTP server's
     *              "530 Authentication failed" names no server)
     * @param hint  what to do about it, when the cause's message is cryptic ("reject HostKey")
     */
    String recordFailure(Exchange exchange, String where, String hint) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String feedId = feedId(exchange);
        if (error instanceof FeedRunFailedException) {
            LOG.error("Run of feed {} failed; the published version is kept: {}", feedId, error.getMessage());
            // the pipeline recorded the run with the explanation of its cause
            return RunFailures.explain(error.getCause() == null ? error : error.getCause()).text();
        }
        // the source failed before the pipeline started (database down, bad query, unreadable file)
        String technical = "source failed: " + (where == null ? "" : "cannot read " + where + ": ")
                + FeedRunFailedException.describe(error) + (hint == null ? "" : "; " + hint);
        LOG.error("Run of feed {} failed; the published version is kept: {}", feedId, technical);
        // the run log and the reason file are read by the department: Russian first
        DepartmentMessage reason = RunFailures.explain(error, technical);
        Long runId = exchange.getProperty(DatasetPipeline.RUN_PROPERTY, Long.class);
        if (runId != null) {
            runLog.finish(runId, RunStatus.FAILED, new RunCounts(), null, reason);
        } else {
            runLog.recordFailure(feedId, Instant.ofEpochMilli(exchange.getClock().getCreated()), RunStatus.FAILED, reason);
        }
        return reason.text();
    }

    /**
     * The feed of a failed exchange: its header, or, for a failure of a consumer's poll (bridged to the error
     * handler, past interceptFrom), the route, which is named after the feed.
     */
    private static String feedId(Exchange exchange) {
        String feedId = exchange.getIn().getHeader(DatasetPipeline.FEED_HEADER, String.class);
        return feedId != null ? feedId : FeedRoutes.feedOf(exchange.getFromRouteId());
    }
}
