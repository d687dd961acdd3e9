package ru.gov.tomsk.opendata.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.camel.spi.ExecutorServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.FeedChange;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedProblem;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;

/**
 * Puts added, edited and removed feed files into effect while the service runs, one feed at a time: only that
 * feed's route (and its Kamelet's route) is stopped, removed and created again from its Kamelet; every other feed's route keeps running.
 *
 * <p>The directory is polled ({@code opendata.feeds-reload.interval}) and files are compared by content hash,
 * rather than watched: {@code WatchService} misses events on network shares, NFS/SMB mounts and Docker bind
 * mounts (where departments' files usually live), and a Camel file consumer would move or lock the departments'
 * files. A file is read only once it stayed the same across two looks, so a half-saved file is never taken.
 *
 * <p>The looks run on a scheduled pool of Camel's {@link ExecutorServiceManager}, as the service's other periodic
 * work runs on Camel (feed schedules alone are Quartz's). A pool rather than a timer route: this stops before Camel
 * does and waits for a swap in progress, which a route, stopped by Camel's own shutdown, could not promise.
 *
 * <ul>
 *   <li>A broken edit leaves the previous definition running; the error, with its file and line, is logged, kept
 *       in {@link FeedRegistry#broken()} for the console and the API, and recorded in the run history.</li>
 *   <li>A feed whose run is in progress is replaced (or removed) only after that run ends; until then the change
 *       waits and is tried at every look. The stop itself is graceful, bounded by {@code stop-timeout}.</li>
 *   <li>A removed feed's route is removed and its Quartz job deleted, also from a clustered store.</li>
 *   <li>With several nodes on one clustered Quartz store, each node reloads its own copy of the directory; the
 *       shared schedule follows the node that applied the latest change.</li>
 * </ul>
 */
public class FeedRouteReloader implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(FeedRouteReloader.class);

    private final FeedRegistry registry;
    private final FeedRoutes routes;
    private final RunLog runLog;
    private final FeedReloadProperties properties;
    private final Supplier<ExecutorServiceManager> threads;
    /** Feeds whose change waits for a run to end; logged once per wait, not at every look. */
    private final Set<String> waiting = new HashSet<>();
    /** Guards start and stop; not {@code this}, which a look holds, so that stop can wait for a look to end. */
    private final Object lifecycle = new Object();
    private ScheduledExecutorService executor;

    public FeedRouteReloader(FeedRegistry registry, FeedRoutes routes, RunLog runLog, FeedReloadProperties properties,
                             Supplier<ExecutorServiceManager> threads) {
        this.registry = registry;
        this.routes = routes;
        this.runLog = runLog;
        this.properties = properties;
        this.threads = threads;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            startLooking();
        }
    }

    private void startLooking() {
        if (!properties.enabled()) {
            LOG.info("Live reload of feed files is off (opendata.feeds-reload.enabled); a changed feed file takes effect at restart");
            return;
        }
        executor = threads.get().newSingleThreadScheduledExecutor(this, "feeds-reload");
        long interval = properties.interval().toMillis();
        executor.scheduleWithFixedDelay(this::look, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("Feed files in {} are reloaded live, looked at every {}", registry.directory(), properties.interval());
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            stopLooking();
        }
    }

    private void stopLooking() {
        if (executor != null) {
            // a swap under way is finished, so that no feed is left without its route
            threads.get().shutdownGraceful(executor, properties.stopTimeout().toMillis() + 5000);
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return executor != null;
        }
    }

    /** Stopped before Camel (whose phase is lower), so that no route is swapped while Camel shuts down. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void look() {
        try {
            // the context starts this before Camel's routes exist; FeedRoutes loads the feeds once Camel runs
            if (routes.started()) {
                reload();
            }
        } catch (RuntimeException e) {
            // an exception would cancel every later look
            LOG.error("Reloading the feed files failed; trying again in {}: {}", properties.interval(), e.getMessage(), e);
        }
    }

    /** One look at the feed directory; returns the changes put into effect (a waiting change is not among them). */
    public synchronized List<FeedChange> reload() {
        List<FeedChange> applied = new ArrayList<>();
        for (FeedChange change : registry.scan()) {
            try {
                if (apply(change)) {
                    applied.add(change);
                }
            } catch (Exception e) {
                LOG.error("Cannot put the change of feed {} into effect ({}); trying again in {}: {}", change.feedId(),
                        change.kind(), properties.interval(), e.getMessage(), e);
            }
        }
        return applied;
    }

    private boolean apply(FeedChange change) throws Exception {
        return switch (change.kind()) {
            case ADDED -> add(change);
            case CHANGED -> replace(change);
            case RESTORED -> {
                registry.accept(change);
                LOG.info("Feed file {} is valid again, the same as the definition that kept running; nothing to replace",
                        change.previous().file());
                yield true;
            }
            case BROKEN -> {
                reportBroken(change);
                yield true;
            }
            case REMOVED -> remove(change);
        };
    }

    private boolean add(FeedChange change) {
        FeedDefinition feed = change.current();
        // in the registry first: a run that fires right away looks its feed up there
        registry.accept(change);
        try {
            routes.addRoute(feed);
        } catch (Exception e) {
            reportBroken(change.rejected(routeProblem(feed, e)));
            return true;
        }
        LOG.info("Feed {} added from {}; the other feeds were not touched", feed.identifier(), feed.file());
        if (feed.runAtStartup()) {
            // runAtStartup means "as soon as the feed starts running", and an added feed starts now
            routes.runNow(feed.identifier());
        }
        return true;
    }

    private boolean replace(FeedChange change) throws Exception {
        String id = change.feedId();
        if (!routes.removeRoute(id, properties.stopTimeout())) {
            if (waiting.add(id)) {
                LOG.info("Feed file {} changed; its route is replaced when the run in progress ends", change.current().file());
            }
            return false;
        }
        waiting.remove(id);
        registry.accept(change);
        try {
            routes.addRoute(change.current());
        } catch (Exception e) {
            // back to the definition that ran: an edit must never leave a feed without its schedule
            reportBroken(change.rejected(routeProblem(change.current(), e)));
            routes.addRoute(change.previous());
            return true;
        }
        LOG.info("Feed {} reloaded from {}: its route was replaced; the other feeds were not touched", id,
                change.current().file());
        return true;
    }

    private boolean remove(FeedChange change) throws Exception {
        String id = change.feedId();
        if (!routes.removeRoute(id, properties.stopTimeout())) {
            if (waiting.add(id)) {
                LOG.info("Feed file of {} was removed; its route is removed when the run in progress ends", id);
            }
            return false;
        }
        waiting.remove(id);
        registry.accept(change);
        LOG.info("Feed {} removed: its route and schedule are gone; what it published stays in the open-data tree", id);
        return true;
    }

    private void reportBroken(FeedChange change) {
        String id = change.feedId();
        String problem = change.problem().getMessage();
        String forDepartment = change.problem().forDepartment();
        if (change.previous() == null) {
            LOG.error("Feed file is invalid and will not run; the other feeds are not affected: {}",
                    change.problem().oneLine());
            runLog.recordFailure(id, RunStatus.INVALID, problem, forDepartment);
        } else {
            LOG.error("Edited feed file is invalid; feed {} keeps running its previous definition until it is fixed: {}",
                    id, change.problem().oneLine());
            runLog.recordFailure(id, RunStatus.INVALID,
                    "the edited feed file is invalid; the previous definition keeps running until it is fixed:\n"
                            + problem,
                    "Изменённый файл описания содержит ошибки; пока они не исправлены, набор работает по прежнему "
                            + "описанию.\n" + forDepartment);
        }
        // after the run history, so that whoever sees the problem here also finds it there
        registry.accept(change);
    }

    private static InvalidFeedException routeProblem(FeedDefinition feed, Exception e) {
        LOG.error("Cannot create the route of feed {}: {}", feed.identifier(), e.getMessage(), e);
        return new InvalidFeedException(feed.file(), List.of(new FeedProblem(feed.file(), 0, 0, "source",
                "cannot create its route: " + e.getMessage(), "Службе не удалось подготовить чтение из этого "
                        + "источника: проверьте параметры source или обратитесь в ИТ-отдел.")));
    }
}
