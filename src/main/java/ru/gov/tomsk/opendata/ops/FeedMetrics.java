package ru.gov.tomsk.opendata.ops;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.publish.DeliveryStatus;
import ru.gov.tomsk.opendata.publish.Outbox;

/**
 * Feed and catalogue metrics for Prometheus, recomputed from {@link FeedStatuses} every
 * {@code opendata.metrics.refresh-interval} (and on demand) rather than at scrape time.
 *
 * <p>Per feed, tag {@code feed=<identifier>} (a feed removed at runtime loses its series at the next refresh):
 * <ul>
 *   <li>{@code opendata_feed_rows_read}, {@code _rows_published}, {@code _rows_rejected}: counts of the newest
 *       finished run;</li>
 *   <li>{@code opendata_feed_last_run_status{status=...}} = 1, one series per feed whose {@code status} tag is
 *       the newest run's status (PUBLISHED, UNCHANGED, HELD, FAILED, INVALID, RUNNING, or NONE before the first
 *       run): {@code count by (status) (opendata_feed_last_run_status)};</li>
 *   <li>{@code opendata_feed_condition{condition=...}} = 1, the feed's {@link FeedCondition}: feeds by status;</li>
 *   <li>{@code opendata_feed_last_success_timestamp_seconds}, {@code opendata_feed_newest_version_timestamp_seconds}:
 *       Unix time; absent until there is one;</li>
 *   <li>{@code opendata_feed_deadline_timestamp_seconds}: the end of the deadline day (00:00 of the next day in
 *       the configured zone, the moment the feed becomes overdue), Unix time; {@code opendata_feed_overdue} and
 *       {@code opendata_feed_at_risk} (0/1); absent for an invalid feed file.</li>
 * </ul>
 * Totals: {@code opendata_datasets_published} (datasets with at least one published version: the plan's
 * cumulative indicator), {@code opendata_versions_total} (published data versions, a counter),
 * {@code opendata_held_versions}, {@code opendata_outbox_depth} (pending deliveries) and
 * {@code opendata_deliveries_failed} (given up, waiting for an operator's retry).
 *
 * <p>Names follow the rules {@code promtool check metrics} applies (base units, {@code _total} only on counters,
 * HELP on every family): the deadline is a timestamp, not "days to deadline", because promtool rejects a
 * {@code days} unit and because a timestamp stays right between refreshes ({@code time()} does the subtraction).
 * A renamed metric breaks dashboards and alerts: change names only with the README and {@code docker/}.
 */
public class FeedMetrics {

    private final FeedStatuses statuses;
    private final RunLog runLog;
    private final CatalogRepository catalog;
    private final Outbox outbox;
    private final ZoneId zone;

    private final RefreshedGauge rowsRead;
    private final RefreshedGauge rowsPublished;
    private final RefreshedGauge rowsRejected;
    private final RefreshedGauge lastRunStatus;
    private final RefreshedGauge condition;
    private final RefreshedGauge lastSuccess;
    private final RefreshedGauge newestVersion;
    private final RefreshedGauge deadline;
    private final RefreshedGauge overdue;
    private final RefreshedGauge atRisk;
    private final AtomicLong datasetsPublished = new AtomicLong();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong heldVersions = new AtomicLong();
    private final AtomicLong outboxDepth = new AtomicLong();
    private final AtomicLong deliveriesFailed = new AtomicLong();

    public FeedMetrics(FeedStatuses statuses, RunLog runLog, CatalogRepository catalog, Outbox outbox, ZoneId zone,
                       MeterRegistry registry) {
        this.statuses = statuses;
        this.runLog = runLog;
        this.catalog = catalog;
        this.outbox = outbox;
        this.zone = zone;
        rowsRead = perFeed("opendata.feed.rows.read", "Records read from the source by the feed's newest finished run", registry);
        rowsPublished = perFeed("opendata.feed.rows.published", "Records written to the data files by the newest finished run", registry);
        rowsRejected = perFeed("opendata.feed.rows.rejected", "Records quarantined by the newest finished run", registry);
        lastRunStatus = perFeed("opendata.feed.last.run.status", "1 for the status (tag) of the feed's newest run", registry);
        condition = perFeed("opendata.feed.condition", "1 for the feed's condition (tag): OK, AT_RISK, OVERDUE, FAILING…", registry);
        lastSuccess = perFeed("opendata.feed.last.success.timestamp.seconds", "Start of the newest run that published or confirmed the data, Unix time", registry);
        newestVersion = perFeed("opendata.feed.newest.version.timestamp.seconds", "When the newest data version was published, Unix time", registry);
        deadline = perFeed("opendata.feed.deadline.timestamp.seconds",
                "End of the deadline day of the next update (when the feed becomes overdue), Unix time", registry);
        overdue = perFeed("opendata.feed.overdue", "1 when the deadline has passed without an update", registry);
        atRisk = perFeed("opendata.feed.at.risk", "1 when the deadline is near and the data is not updated yet", registry);
        Gauge.builder("opendata.datasets.published", datasetsPublished, AtomicLong::get)
                .description("Datasets with at least one published version (the plan's cumulative indicator)").register(registry);
        FunctionCounter.builder("opendata.versions", versions, AtomicLong::get)
                .description("Data versions published, all datasets").register(registry);
        Gauge.builder("opendata.held.versions", heldVersions, AtomicLong::get)
                .description("Versions held back by a guard, waiting for an operator").register(registry);
        Gauge.builder("opendata.outbox.depth", outboxDepth, AtomicLong::get)
                .description("Deliveries to portals still to be sent").register(registry);
        Gauge.builder("opendata.deliveries.failed", deliveriesFailed, AtomicLong::get)
                .description("Deliveries given up, waiting for an operator's retry").register(registry);
    }

    private static RefreshedGauge perFeed(String name, String description, MeterRegistry registry) {
        return new RefreshedGauge(name, description, registry);
    }

    /** Recomputes every value; feeds that are gone lose their series. */
    public synchronized void refresh() {
        List<FeedStatus> all = statuses.all();
        List<RefreshedGauge.Sample> read = new ArrayList<>();
        List<RefreshedGauge.Sample> published = new ArrayList<>();
        List<RefreshedGauge.Sample> rejected = new ArrayList<>();
        List<RefreshedGauge.Sample> runStatus = new ArrayList<>();
        List<RefreshedGauge.Sample> conditions = new ArrayList<>();
        List<RefreshedGauge.Sample> success = new ArrayList<>();
        List<RefreshedGauge.Sample> newest = new ArrayList<>();
        List<RefreshedGauge.Sample> deadlines = new ArrayList<>();
        List<RefreshedGauge.Sample> late = new ArrayList<>();
        List<RefreshedGauge.Sample> risk = new ArrayList<>();
        long held = 0;
        for (FeedStatus s : all) {
            Tags feed = Tags.of("feed", s.identifier());
            FeedRun finished = newestFinished(s);
            if (finished != null) {
                read.add(new RefreshedGauge.Sample(feed, finished.rowsRead()));
                published.add(new RefreshedGauge.Sample(feed, finished.rowsWritten()));
                rejected.add(new RefreshedGauge.Sample(feed, finished.rowsRejected()));
            }
            runStatus.add(new RefreshedGauge.Sample(feed.and("status", s.lastRun() == null ? "NONE" : s.lastRun().status().name()), 1));
            conditions.add(new RefreshedGauge.Sample(feed.and("condition", s.condition().name()), 1));
            if (s.lastSuccessAt() != null) {
                success.add(new RefreshedGauge.Sample(feed, s.lastSuccessAt().getEpochSecond()));
            }
            if (s.newestVersionAt() != null) {
                newest.add(new RefreshedGauge.Sample(feed, s.newestVersionAt().getEpochSecond()));
            }
            if (s.deadline() != null) {
                // the deadline day itself is still in time (Deadlines): overdue from the next day's start
                deadlines.add(new RefreshedGauge.Sample(feed, s.deadline().plusDays(1).atStartOfDay(zone).toEpochSecond()));
                late.add(new RefreshedGauge.Sample(feed, s.overdue() ? 1 : 0));
                risk.add(new RefreshedGauge.Sample(feed, s.atRisk() ? 1 : 0));
            }
            held += s.heldVersions();
        }
        rowsRead.set(read);
        rowsPublished.set(published);
        rowsRejected.set(rejected);
        lastRunStatus.set(runStatus);
        condition.set(conditions);
        lastSuccess.set(success);
        newestVersion.set(newest);
        deadline.set(deadlines);
        overdue.set(late);
        atRisk.set(risk);
        heldVersions.set(held);
        datasetsPublished.set(catalog.publishedDatasets().size());
        versions.set(catalog.dataVersionCount());
        outboxDepth.set(outbox.deliveries(DeliveryStatus.PENDING).size());
        deliveriesFailed.set(outbox.deliveries(DeliveryStatus.FAILED).size());
    }

    /** The counts of a run still going are not known yet: show the run before it. */
    private FeedRun newestFinished(FeedStatus s) {
        if (s.lastRun() == null || s.lastRun().status() != RunStatus.RUNNING) {
            return s.lastRun();
        }
        return runLog.runs(s.identifier(), 2).stream().filter(r -> r.status() != RunStatus.RUNNING).findFirst().orElse(null);
    }
}
