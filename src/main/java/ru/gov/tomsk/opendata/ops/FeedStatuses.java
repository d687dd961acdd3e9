package ru.gov.tomsk.opendata.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.DatasetState;
import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.HeldVersion;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;
import ru.gov.tomsk.opendata.publish.Delivery;
import ru.gov.tomsk.opendata.publish.DeliveryStatus;
import ru.gov.tomsk.opendata.publish.Outbox;
import ru.gov.tomsk.opendata.source.FeedRoutes;

/**
 * The status of every feed, assembled on each call from the registry, the run log, the catalogue, the gate,
 * the outbox and the Quartz scheduler, so it is never stale and holds no state of its own. The console, the
 * admin API, metrics, health and alerts all read it, so they always tell the same story.
 *
 * <p>Condition, worst wins: INVALID (feed file broken, or its route could not be created) &gt; FAILING (last run
 * failed) &gt; OVERDUE &gt; HELD &gt; AT_RISK &gt; RUNNING &gt; NEVER_RUN &gt; OK.
 */
@Component
public class FeedStatuses {

    private static final Logger LOG = LoggerFactory.getLogger(FeedStatuses.class);
    /** How the reason of a push feed at risk because its expected push did not come starts. */
    public static final String MISSED_PUSH = "no push since the one expected at ";

    private final FeedRegistry registry;
    private final RunLog runLog;
    private final CatalogRepository catalog;
    private final GateRepository gate;
    private final Outbox outbox;
    private final CamelContext camel;
    private final Deadlines deadlines;
    private final Clock clock;

    public FeedStatuses(FeedRegistry registry, RunLog runLog, CatalogRepository catalog, GateRepository gate,
                        Outbox outbox, CamelContext camel, Deadlines deadlines, Clock clock) {
        this.registry = registry;
        this.runLog = runLog;
        this.catalog = catalog;
        this.gate = gate;
        this.outbox = outbox;
        this.camel = camel;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** Every feed, valid or broken, by identifier. */
    public List<FeedStatus> all() {
        Map<String, InvalidFeedException> broken = registry.broken();
        TreeSet<String> ids = new TreeSet<>(broken.keySet());
        registry.feeds().forEach(f -> ids.add(f.identifier()));
        Scheduler scheduler = scheduler();
        List<FeedStatus> result = new ArrayList<>(ids.size());
        for (String id : ids) {
            result.add(status(id, registry.feed(id).orElse(null), broken.get(id), scheduler));
        }
        return result;
    }

    public Optional<FeedStatus> of(String id) {
        Optional<FeedDefinition> feed = registry.feed(id);
        InvalidFeedException problem = registry.broken().get(id);
        if (feed.isEmpty() && problem == null) {
            return Optional.empty();
        }
        return Optional.of(status(id, feed.orElse(null), problem, scheduler()));
    }

    private FeedStatus status(String id, FeedDefinition feed, InvalidFeedException problem, Scheduler scheduler) {
        FeedRun lastRun = runLog.runs(id, 1).stream().findFirst().orElse(null);
        Instant lastSuccessAt = runLog.lastSuccessStart(id).orElse(null);
        Optional<DataVersion> newest = catalog.dataVersions(id).stream().findFirst();
        List<HeldVersion> held = gate.waiting(id);
        List<Delivery> deliveries = outbox.deliveries(id);
        int pending = (int) deliveries.stream().filter(d -> d.status() == DeliveryStatus.PENDING).count();
        int failed = (int) deliveries.stream().filter(d -> d.status() == DeliveryStatus.FAILED).count();
        String newestVersion = newest.map(DataVersion::version).orElse(null);
        Instant newestVersionAt = newest.map(DataVersion::createdAt).orElse(null);

        if (feed == null) {
            // a broken file that never loaded: nothing to schedule, no deadline to compute without a frequency
            return new FeedStatus(id, id, null, FeedCondition.INVALID, "feed file is invalid: " + problem.getMessage(),
                    lastRun, lastSuccessAt, newestVersion, newestVersionAt, null, null, null, false, false,
                    held.size(), pending, failed);
        }

        Frequency frequency = feed.frequency();
        LocalDate passportValid = catalog.dataset(id).map(DatasetState::validUntil).orElse(null);
        Deadline deadline = deadlines.evaluate(frequency, passportValid, clock);

        FeedCondition condition = FeedCondition.OK;
        String reason = passportValid == null ? "up to date" : "up to date; next update due by " + deadline.date();
        if (lastRun == null) {
            condition = FeedCondition.NEVER_RUN;
            reason = "never run; first update due by " + deadline.date();
        } else if (lastRun.status() == RunStatus.RUNNING) {
            condition = FeedCondition.RUNNING;
            reason = "running since " + lastRun.startedAt();
        }
        // its schedule is a deadline watch rather than a job (see Deadlines#missedPush)
        boolean push = feed.pushed();
        Optional<Instant> missedPush = push ? deadlines.missedPush(feed.schedule(), lastSuccessAt, clock) : Optional.empty();
        if (deadline.atRisk()) {
            condition = FeedCondition.AT_RISK;
            reason = "deadline " + deadline.date() + " is " + days(deadline.daysLeft()) + " away and the data is not updated yet";
        }
        if (missedPush.isPresent() && !deadline.overdue()) {
            // its system did not push when the schedule expected it: the deadline is not passed, but it is at risk
            deadline = new Deadline(deadline.date(), deadline.daysLeft(), true, false);
            condition = FeedCondition.AT_RISK.worst(condition);
            reason = MISSED_PUSH + missedPush.get() + "; the update is due by " + deadline.date();
        }
        if (!held.isEmpty()) {
            condition = FeedCondition.HELD;
            reason = "version held: " + held.get(0).reason();
        }
        if (deadline.overdue()) {
            condition = FeedCondition.OVERDUE;
            reason = "overdue: the update was due by " + deadline.date();
        }
        if (lastRun != null && lastRun.status() == RunStatus.FAILED) {
            condition = FeedCondition.FAILING;
            reason = "last run failed: " + lastRun.message();
        }
        if (problem != null) {
            // a broken edit of a feed that still runs its previous definition
            condition = FeedCondition.INVALID;
            reason = "feed file is invalid (the previous definition keeps running): " + problem.getMessage();
        } else if (lastRun != null && lastRun.status() == RunStatus.INVALID && camel.getRoute(FeedRoutes.routeId(id)) == null) {
            condition = FeedCondition.INVALID;
            reason = "feed cannot run: " + lastRun.message();
        }
        return new FeedStatus(id, feed.passport().title(), frequency.word(), condition, reason, lastRun, lastSuccessAt,
                newestVersion, newestVersionAt,
                // a push feed has no job: its "next run" is the next push its schedule expects
                push ? deadlines.nextPush(feed.schedule(), clock.instant()) : nextFireAt(scheduler, id),
                deadline.date(), deadline.daysLeft(),
                deadline.atRisk(), deadline.overdue(), held.size(), pending, failed);
    }

    private static String days(long n) {
        return n == 0 ? "today, 0 days" : n == 1 ? "1 day" : n + " days";
    }

    /**
     * Quartz's scheduler, or null (no next fire times) while it is not started. Never creates or starts the
     * component: a reader that did so on its own thread raced the feed routes for the scheduler at start-up.
     */
    private Scheduler scheduler() {
        return camel.hasComponent("quartz") instanceof QuartzComponent quartz && quartz.isStarted()
                ? quartz.getScheduler() : null;
    }

    private static Instant nextFireAt(Scheduler scheduler, String id) {
        if (scheduler == null) {
            return null;
        }
        try {
            return scheduler.getTriggersOfJob(JobKey.jobKey(id, FeedRoutes.QUARTZ_GROUP)).stream()
                    .map(Trigger::getNextFireTime)
                    .filter(java.util.Objects::nonNull)
                    .min(Comparator.naturalOrder())
                    .map(java.util.Date::toInstant)
                    .orElse(null);
        } catch (Exception e) {
            LOG.debug("Cannot read the triggers of feed {}: {}", id, e.getMessage());
            return null;
        }
    }
}
