package ru.gov.tomsk.opendata.source;

import java.time.ZoneId;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.feed.SourceKind;

/**
 * Turns each valid feed into a route, instantiated from its kind's route template
 * ({@code routes/templates/<kind>-source.camel.yaml}) with the feed's schedule and source options.
 * Each feed gets its own Quartz job, so one slow feed never holds back another's schedule.
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
    private CamelContext camel;

    public FeedRoutes(FeedRegistry registry, FeedRules rules, SourceDatasources datasources, RunLog runLog, ZoneId zone) {
        this.registry = registry;
        this.rules = rules;
        this.datasources = datasources;
        this.runLog = runLog;
        this.zone = zone;
    }

    public static final String ROUTE_PREFIX = "feed-";

    public static String routeId(String feedId) {
        return ROUTE_PREFIX + feedId;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
        datasources.pools().forEach((name, pool) -> camelContext.getRegistry().bind(SourceDatasources.beanName(name), pool));
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        registry.load();
        registry.broken().forEach((feedId, problem) ->
                runLog.recordFailure(feedId, RunStatus.INVALID, problem.getMessage()));
        for (FeedDefinition feed : registry.feeds()) {
            try {
                addRoute(feed);
            } catch (Exception e) {
                LOG.error("Cannot create the route of feed {}: {}", feed.identifier(), e.getMessage(), e);
                runLog.recordFailure(feed.identifier(), RunStatus.INVALID, "cannot create its route: " + e.getMessage());
            }
        }
        registry.feeds().stream().filter(FeedDefinition::runAtStartup).forEach(feed -> runNow(feed.identifier()));
    }

    private void addRoute(FeedDefinition feed) throws Exception {
        SourceKind kind = rules.kind(feed.source().kind()).orElseThrow();
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, kind.templateId())
                .routeId(routeId(feed.identifier()))
                .parameter("feedId", feed.identifier())
                // Quartz cron fields are separated by '+' inside an endpoint URI
                .parameter("cron", feed.schedule().trim().replaceAll("\\s+", "+"))
                .parameter("timeZone", zone.getId());
        feed.source().options().forEach((option, value) -> builder.parameter(option, templateValue(kind, option, value)));
        builder.add();
        LOG.info("Feed {} scheduled: '{}' ({}), source {}", feed.identifier(), feed.schedule(), zone, kind.name());
    }

    /**
     * Feeds write named SQL parameters the documented Camel way, {@code :#lastSuccessAt}; camel-sql only
     * turns {@code #} into its internal {@code ?} for queries in the endpoint URI, and the template passes
     * the query in the body (so that any SQL survives URI encoding), so the conversion happens here.
     */
    public static String templateValue(SourceKind kind, String option, String value) {
        return "sql".equals(kind.name()) && "query".equals(option) ? value.replaceAll(":#(\\w)", ":?$1") : value;
    }

    /** Runs a feed now, through its own Quartz job, so a manual run never overlaps a scheduled one. */
    public void runNow(String feedId) {
        try {
            QuartzComponent quartz = camel.getComponent("quartz", QuartzComponent.class);
            quartz.getScheduler().triggerJob(JobKey.jobKey(feedId, QUARTZ_GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start feed " + feedId + ": " + e.getMessage(), e);
        }
    }
}
