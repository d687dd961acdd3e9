package ru.gov.tomsk.opendata.source;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.dataset.DepartmentMessage;
import ru.gov.tomsk.opendata.pipeline.DatasetRoute;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.feed.SourceKind;

/**
 * Turns each valid feed into a route {@code feed-<identifier>}: from its kind's Kamelet
 * ({@code <kind>-source.kamelet.yaml}, see {@link SourceKamelets}), given the feed's schedule and source options, to
 * {@code direct:dataset}. The Kamelet's own route, {@code source-<identifier>}, holds the consumer and the source's
 * error handling ({@link FeedRouteConfiguration}). Each feed gets its own Quartz job, so one slow feed never holds
 * back another's schedule.
 *
 * <p>At start-up the Quartz scheduler exists before the first feed route is created, the routes are created on
 * one thread in feed order, and the sweep of orphaned schedules runs after all of them.
 *
 * <p>Routes are added, replaced and removed one feed at a time ({@link FeedRouteReloader}): Camel's own route
 * reloading would restart every route, and with them every feed's run in progress.
 */
public class FeedRoutes implements CamelContextConfiguration {

    /** Quartz group of all feed jobs; the job name is the feed identifier. */
    public static final String QUARTZ_GROUP = "opendata";
    private static final Logger LOG = LoggerFactory.getLogger(FeedRoutes.class);

    private final FeedRegistry registry;
    private final FeedRules rules;
    private final SourceDatasources datasources;
    private final RunLog runLog;
    private final ZoneId zone;
    private final Path workDir;
    private CamelContext camel;
    private volatile boolean started;

    public FeedRoutes(FeedRegistry registry, FeedRules rules, SourceDatasources datasources, RunLog runLog, ZoneId zone,
                      Path workDir) {
        this.registry = registry;
        this.rules = rules;
        this.datasources = datasources;
        this.runLog = runLog;
        this.zone = zone;
        this.workDir = workDir;
    }

    public static final String ROUTE_PREFIX = "feed-";
    /** Prefix of the id of a feed's Kamelet route, which holds its consumer. */
    public static final String SOURCE_PREFIX = "source-";

    public static String routeId(String feedId) {
        return ROUTE_PREFIX + feedId;
    }

    public static String sourceRouteId(String feedId) {
        return SOURCE_PREFIX + feedId;
    }

    /** The feed whose route or Kamelet route this is, or {@code null} (a dry run's, a service route). */
    public static String feedOf(String routeId) {
        if (routeId == null) {
            return null;
        }
        return routeId.startsWith(SOURCE_PREFIX) ? routeId.substring(SOURCE_PREFIX.length())
                : routeId.startsWith(ROUTE_PREFIX) ? routeId.substring(ROUTE_PREFIX.length()) : null;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
        datasources.pools().forEach((name, pool) -> camelContext.getRegistry().bind(SourceDatasources.beanName(name), pool));
        // Quartz's component creates its scheduler as it starts. Looked up only once Camel runs, it is started by
        // whichever thread looks it up first, and a second thread gets it before its scheduler exists: a file
        // consumer's QuartzScheduledPollConsumerScheduler then fails ("quartzScheduler is null"), as it did when
        // the ops-feed-metrics timer came first. Looked up here, it starts with Camel, on the thread that starts
        // Camel, before any route: every later lookup, from any thread, finds the scheduler there.
        camelContext.getComponent("quartz", QuartzComponent.class);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // fails the start-up here, with its reason, rather than every feed with a NullPointerException
        scheduler();
        registry.load();
        registry.broken().forEach((feedId, problem) ->
                runLog.recordFailure(feedId, RunStatus.INVALID, problem.getMessage(), problem.forDepartment()));
        // on this one thread, in identifier order (feeds() is sorted); live reloads wait for started()
        for (FeedDefinition feed : registry.feeds()) {
            try {
                addRoute(feed);
            } catch (Exception e) {
                LOG.error("Cannot create the route of feed {}: {}", feed.identifier(), e.getMessage(), e);
                runLog.recordFailure(feed.identifier(), RunStatus.INVALID, new DepartmentMessage("Службе не удалось "
                        + "подготовить чтение из источника этого набора: проверьте параметры source или обратитесь в "
                        + "ИТ-отдел.", "cannot create its route: " + e.getMessage()));
            }
        }
        removeOrphanSchedules();
        started = true;
        registry.feeds().stream().filter(FeedDefinition::runAtStartup).forEach(feed -> runNow(feed.identifier()));
    }

    /** Whether the feeds are loaded and their routes created; until then there is nothing to reload. */
    public boolean started() {
        return started;
    }

    /** Creates a feed's route from its kind's Kamelet; the Kamelet's route schedules the feed's Quartz job as it starts. */
    void addRoute(FeedDefinition feed) throws Exception {
        SourceKind kind = rules.kind(feed.source().kind()).orElseThrow();
        String configuration = FeedRouteConfiguration.of(kind);
        Map<String, String> parameters = SourceKamelets.parameters(feed, kind, feed.schedule(), zone, workDir);
        parameters.put("routeConfiguration", configuration);
        String from = SourceKamelets.endpoint(camel, kind, sourceRouteId(feed.identifier()), parameters);
        camel.addRoutes(new RouteBuilder(camel) {
            @Override
            public void configure() {
                // the same error handling as the Kamelet's route (which takes a copy of this route's error handler):
                // a failure of the pipeline is recorded here, where it happens
                from(from).routeId(routeId(feed.identifier())).routeConfigurationId(configuration)
                        .to(DatasetRoute.ENDPOINT);
            }
        });
        LOG.info("Feed {} scheduled: '{}' ({}), source {}", feed.identifier(), feed.schedule(), zone, kind.name());
    }

    /**
     * Stops a feed's route, once the run in progress (if any) has ended, removes it, and deletes the feed's Quartz
     * job with its trigger. Returns false, leaving the route running untouched, when a run is in progress or does
     * not end within {@code timeout}: the caller tries again later, so a run is never cut short by a reload.
     */
    boolean removeRoute(String feedId, Duration timeout) throws Exception {
        String routeId = routeId(feedId);
        String sourceId = sourceRouteId(feedId);
        if (camel.getInflightRepository().size(routeId) > 0 || camel.getInflightRepository().size(sourceId) > 0) {
            return false;
        }
        // the Kamelet's route first: it holds the consumer; graceful, and abortAfterTimeout keeps it running when a
        // run that started since the check above does not end in time, instead of forcing it down mid-run
        if (!SourceKamelets.remove(camel, sourceId, timeout.toMillis())) {
            return false;
        }
        if (camel.getRoute(routeId) != null) {
            camel.getRouteController().stopRoute(routeId, timeout.toMillis(), TimeUnit.MILLISECONDS, true);
            camel.removeRoute(routeId);
        }
        unschedule(feedId);
        return true;
    }

    /**
     * Deletes a feed's Quartz job and its triggers. Camel deletes them itself when a route stops, but not when
     * Quartz runs clustered on its JDBC store ({@code deleteJob} is skipped there so that one node stopping does
     * not unschedule a feed for the others): the trigger of a removed feed would stay in the shared store and
     * fire on some node for ever.
     */
    void unschedule(String feedId) throws SchedulerException {
        if (scheduler().deleteJob(JobKey.jobKey(feedId, QUARTZ_GROUP))) {
            LOG.info("Feed {}: its Quartz job and trigger are deleted", feedId);
        }
    }

    /**
     * At start-up, deletes the Quartz jobs of the feed group whose feed file is gone: a clustered store keeps
     * the schedules of feeds removed while this node was down. A broken file keeps its job, since other nodes
     * may still run its previous definition.
     */
    private void removeOrphanSchedules() {
        try {
            Set<String> known = new HashSet<>(registry.broken().keySet());
            registry.feeds().forEach(feed -> known.add(feed.identifier()));
            Scheduler scheduler = scheduler();
            for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QUARTZ_GROUP))) {
                if (!known.contains(job.getName())) {
                    scheduler.deleteJob(job);
                    LOG.info("Deleted the Quartz job of feed {}: its feed file is gone", job.getName());
                }
            }
        } catch (SchedulerException e) {
            LOG.error("Cannot remove the schedules of removed feeds: {}", e.getMessage(), e);
        }
    }

    private Scheduler scheduler() {
        Scheduler scheduler = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
        if (scheduler == null) {
            throw new IllegalStateException("the Quartz scheduler is not started");
        }
        return scheduler;
    }

    /** Runs a feed now, through its own Quartz job, so a manual run never overlaps a scheduled one. */
    public void runNow(String feedId) {
        if (registry.feed(feedId).filter(FeedDefinition::pushed).isPresent()) {
            // no job to fire: a push feed runs when its information system pushes (POST /api/ingest/<feed>)
            throw new IllegalStateException("feed " + feedId + " is a push feed: it runs when its system pushes its data");
        }
        try {
            scheduler().triggerJob(JobKey.jobKey(feedId, QUARTZ_GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start feed " + feedId + ": " + e.getMessage(), e);
        }
    }
}
