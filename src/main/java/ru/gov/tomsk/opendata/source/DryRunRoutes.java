package ru.gov.tomsk.opendata.source;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.RouteIdAware;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.pipeline.DatasetPreview;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.SourceKind;

/**
 * A dry run reads a feed through its kind's Kamelet, the route a run takes, but the Kamelet sinks to
 * {@link DatasetPreview} instead of {@code direct:dataset}, and consuming is switched off by the Kamelet's service
 * parameters: {@code noop} (no move, no done-file removed), {@code idempotent: false} (nothing recorded in
 * {@code processed_files}), one file, the oldest. The route is thrown away afterwards, with its Quartz job: the job
 * ({@value #JOB_GROUP}/&lt;feed&gt;) never fires on its own and is fired once here.
 *
 * <p>Its route configuration ({@value #CONFIGURATION}) opens and records no run: a failure goes back to the waiting
 * dry run. A file-drop poll that finds nothing ready ends without an exchange; the poll strategy
 * ({@value #POLLS}) says so, so the dry run answers at once instead of waiting for its timeout.
 */
public class DryRunRoutes extends RouteConfigurationBuilder implements PollingConsumerPollStrategy {

    public static final String CONFIGURATION = "dry-run-source";
    /** Bean name of the poll strategy the Kamelets' {@code pollStrategy} parameter names. */
    public static final String POLLS = "dryRunPolls";
    public static final String JOB_GROUP = "opendata-dry-run";
    /** A schedule that never fires (Quartz allows years up to a century ahead): the job is fired by hand. */
    static final String NEVER = "0 0 0 1 1 ? 2099";
    /** Exchange property: the records reached the preview, so a failure is the pipeline's, not the source's. */
    private static final String READING = "OpendataDryRunReading";
    /** Exchange property: the {@link SourceColumns} the records were read through. */
    private static final String COLUMNS = "OpendataDryRunColumns";
    private static final Logger LOG = LoggerFactory.getLogger(DryRunRoutes.class);

    /**
     * What the source gave: the preview of its records, or the failure ({@code reading}: while the records were
     * read into the preview, rather than while the source was opened), or neither (nothing was ready to read).
     *
     * @param source  what was read, when the kind reads files ({@code file a.csv in inbox})
     * @param columns the source's columns, as its first record named them; empty when no record was read
     */
    public record Outcome(DatasetPreview.Result result, Exception error, boolean reading, String source,
                          List<String> columns) {

        public Outcome {
            columns = columns == null ? List.of() : List.copyOf(columns);
        }

        public boolean nothingToRead() {
            return result == null && error == null;
        }
    }

    /**
     * A dry run waiting for its source, by its routes' ids; {@code reader} is the thread reading the records into the
     * preview (a Quartz worker), interrupted when the dry run is given up on.
     */
    private record Pending(String feedId, CompletableFuture<Outcome> outcome, AtomicReference<Thread> reader) {
    }

    private final DatasetPreview preview;
    private final FeedRouteConfiguration runs;
    private final ZoneId zone;
    private final Path workDir;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** @param runs whose query parameters ({@code :#lastSuccessAt}…) a dry run gives its query as a run would */
    public DryRunRoutes(DatasetPreview preview, FeedRouteConfiguration runs, ZoneId zone, Path workDir) {
        this.preview = preview;
        this.runs = runs;
        this.zone = zone;
        this.workDir = workDir;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition dryRun = routeConfiguration(CONFIGURATION);
        // reported once, by the dry run that waits for it
        dryRun.errorHandler(defaultErrorHandler().logExhausted(false));
        // what a run's query may refer to, without the run a feed's route configuration opens
        dryRun.interceptFrom().process(exchange -> {
            FileDrops.rememberDropEndpoint(exchange);
            Pending waiting = pending.get(String.valueOf(exchange.getFromRouteId()));
            if (waiting != null) {
                runs.queryParameters(exchange, waiting.feedId());
            }
        });
        dryRun.onException(Exception.class).handled(true).process(exchange -> finish(exchange.getFromRouteId(),
                new Outcome(null, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class),
                        exchange.getProperty(READING, false, Boolean.class), source(exchange), columns(exchange))));
    }

    /**
     * Reads the feed's source once through its Kamelet into the preview; waits at most {@code timeout}.
     *
     * @throws TimeoutException when the source gave nothing in time (the route is removed all the same)
     */
    public Outcome run(CamelContext camel, FeedDefinition feed, SourceKind kind, int maxRows, Path scratch,
                       Duration timeout) throws Exception {
        return run(camel, feed, kind, maxRows, scratch, timeout, null);
    }

    /**
     * As {@link #run(CamelContext, FeedDefinition, SourceKind, int, Path, Duration)}; for a kind whose data is
     * delivered to the service ({@code push}), {@code body} is sent through its Kamelet as a push's body is, to a
     * direct endpoint of the dry run's own, so that it never meets the feed's installed route.
     */
    public Outcome run(CamelContext camel, FeedDefinition feed, SourceKind kind, int maxRows, Path scratch,
                       Duration timeout, Path body) throws Exception {
        String routeId = "dry-run-" + ids.incrementAndGet() + "-" + feed.identifier();
        String sourceRouteId = routeId + "-source";
        Map<String, String> parameters = SourceKamelets.parameters(feed, kind, NEVER, zone, workDir);
        if (body != null) {
            // names the push Kamelet's direct endpoint; the records are still previewed as the feed's
            parameters.put("feedId", routeId);
        }
        Map<String, String> dryRun = Map.of("jobGroup", JOB_GROUP, "routeConfiguration", CONFIGURATION,
                "noop", "true", "idempotent", "false", "maxFiles", "1", "pollStrategy", "#" + POLLS);
        dryRun.forEach((name, value) -> {
            if (kind.serviceParameters().contains(name)) {
                parameters.put(name, value);
            }
        });
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        // by both route ids: past kamelet:sink the exchange names the route that reads the Kamelet
        Pending waiting = new Pending(feed.identifier(), outcome, new AtomicReference<>());
        pending.put(sourceRouteId, waiting);
        pending.put(routeId, waiting);
        try {
            String from = SourceKamelets.endpoint(camel, kind, sourceRouteId, parameters);
            camel.addRoutes(new RouteBuilder(camel) {
                @Override
                public void configure() {
                    // the Kamelet's route configuration here too (as in FeedRoutes.addRoute): a failure of the
                    // preview is reported where it happens
                    from(from).routeId(routeId).routeConfigurationId(CONFIGURATION).process(exchange -> {
                        exchange.setProperty(READING, true);
                        waiting.reader().set(Thread.currentThread());
                        SourceColumns records = new SourceColumns(exchange.getIn().getBody());
                        exchange.setProperty(COLUMNS, records);
                        try {
                            DatasetPreview.Result result = preview.preview(feed, records, maxRows, scratch);
                            outcome.complete(new Outcome(result, null, true, source(exchange), records.columns()));
                        } finally {
                            if (waiting.reader().getAndSet(null) == null) {
                                // given up on and interrupted: the flag must not outlive the dry run on Quartz's thread
                                Thread.interrupted();
                            }
                        }
                    });
                }
            });
            if (body == null) {
                scheduler(camel).triggerJob(JobKey.jobKey(feed.identifier(), JOB_GROUP));
                return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            try (ProducerTemplate producer = camel.createProducerTemplate()) {
                producer.asyncSend("direct:opendata-push-" + routeId, exchange -> {
                    exchange.getIn().setBody(body.toFile());
                    exchange.getIn().setHeader(Exchange.FILE_NAME_ONLY, body.getFileName().toString());
                });
                return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException | InterruptedException e) {
            // the reader stops at its next write (an interrupted channel closes): a source too big for the limit
            // must not keep reading after the answer
            Thread reader = waiting.reader().getAndSet(null);
            if (reader != null) {
                reader.interrupt();
            }
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pending.remove(sourceRouteId);
            pending.remove(routeId);
            remove(camel, routeId, sourceRouteId, feed.identifier());
        }
    }

    private void remove(CamelContext camel, String routeId, String sourceRouteId, String feedId) {
        try {
            // the consumer may still be completing its exchange (the preview answered from within it); stopped by
            // force after a few seconds: a dry run that is given up on must not keep its route
            for (String id : new String[] {sourceRouteId, routeId}) {
                if (camel.getRoute(id) != null) {
                    camel.getRouteController().stopRoute(id, 5, TimeUnit.SECONDS);
                    camel.removeRoute(id);
                }
            }
            SourceKamelets.forget(camel, sourceRouteId);
            scheduler(camel).deleteJob(JobKey.jobKey(feedId, JOB_GROUP));
        } catch (Exception e) {
            LOG.warn("Cannot remove the dry run route {} of feed {}: {}", routeId, feedId, e.getMessage());
        }
    }

    private void finish(String sourceRouteId, Outcome outcome) {
        Pending waiting = sourceRouteId == null ? null : pending.get(sourceRouteId);
        if (waiting != null) {
            waiting.outcome().complete(outcome);
        }
    }

    /** A file of a drop: its name and where it lies, never a credential. */
    private static String source(Exchange exchange) {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (name == null) {
            return null;
        }
        String server = FileDrops.dropEndpoint(exchange) instanceof RemoteFileEndpoint<?> remote
                ? " on " + remote.getConfiguration().remoteServerInformation() : "";
        return "file " + name + " in " + exchange.getIn().getHeader(Exchange.FILE_PARENT, String.class) + server;
    }

    private static List<String> columns(Exchange exchange) {
        SourceColumns records = exchange.getProperty(COLUMNS, SourceColumns.class);
        return records == null ? null : records.columns();
    }

    private static String routeId(Consumer consumer) {
        return consumer instanceof RouteIdAware route ? route.getRouteId() : null;
    }

    private static Scheduler scheduler(CamelContext camel) {
        return camel.getComponent("quartz", QuartzComponent.class).getScheduler();
    }

    // --- the poll strategy of a dry run's file consumer

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    /** The poll has ended, its exchanges (if any) processed: without an outcome, nothing was ready to read. */
    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        finish(routeId(consumer), new Outcome(null, null, false, null, null));
    }

    /** The poll itself failed (server unreachable, directory missing): the dry run reports it, never retries. */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        finish(routeId(consumer), new Outcome(null, cause, false, null, null));
        return false;
    }
}
