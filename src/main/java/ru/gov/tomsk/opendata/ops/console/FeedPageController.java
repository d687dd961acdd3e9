package ru.gov.tomsk.opendata.ops.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.pipeline.HeldVersions;
import ru.gov.tomsk.opendata.ops.DryRunProperties;
import ru.gov.tomsk.opendata.ops.FeedStatus;
import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.ops.ServerPaths;
import ru.gov.tomsk.opendata.ops.ingest.PushTokens;
import ru.gov.tomsk.opendata.publish.Delivery;
import ru.gov.tomsk.opendata.publish.DeliveryStatus;
import ru.gov.tomsk.opendata.publish.Outbox;
import ru.gov.tomsk.opendata.source.RejectedFile;
import ru.gov.tomsk.opendata.source.RejectedFileException;
import ru.gov.tomsk.opendata.source.RejectedFiles;

/** The page of one feed: its status, runs, rows over time, rejects, versions and deliveries. */
@Controller
class FeedPageController {

    static final int DEFAULT_DRY_RUN_ROWS = 20;

    private final FeedStatuses statuses;
    private final FeedRegistry registry;
    private final RunLog runLog;
    private final GateRepository gate;
    private final CatalogRepository catalog;
    private final HeldVersions heldVersions;
    private final Outbox outbox;
    private final DryRunProperties dryRun;
    private final ConsoleText text;
    private final ServerPaths paths;
    private final PushTokens pushTokens;
    private final RejectedFiles rejectedFiles;

    FeedPageController(FeedStatuses statuses, FeedRegistry registry, RunLog runLog, GateRepository gate,
                       CatalogRepository catalog, HeldVersions heldVersions, Outbox outbox, DryRunProperties dryRun,
                       ConsoleText text, ServerPaths paths, PushTokens pushTokens, RejectedFiles rejectedFiles) {
        this.statuses = statuses;
        this.registry = registry;
        this.runLog = runLog;
        this.gate = gate;
        this.catalog = catalog;
        this.heldVersions = heldVersions;
        this.outbox = outbox;
        this.dryRun = dryRun;
        this.text = text;
        this.paths = paths;
        this.pushTokens = pushTokens;
        this.rejectedFiles = rejectedFiles;
    }

    @GetMapping("/admin/feeds/{id}")
    String feed(@PathVariable String id, Model model) {
        FeedStatus status = statuses.of(id).orElseThrow(() -> new FeedNotFoundException(id));
        List<FeedRun> runs = runLog.runs(id, FeedPage.RUNS).stream().map(this::withoutServerPaths).toList();
        FeedRun rejecting = runs.stream().filter(r -> r.rowsRejected() > 0).findFirst().orElse(null);
        List<QuarantineEntry> quarantine = rejecting == null ? List.of() : gate.quarantine(rejecting.id());
        model.addAttribute("page", new FeedPage(status, paths.hide(text.detail(status, registry.broken().get(id))),
                registry.feed(id).isPresent(), runs,
                RowsChart.of(runs, text), rejecting,
                quarantine.subList(0, Math.min(quarantine.size(), FeedPage.QUARANTINE_ROWS)),
                rejecting == null ? 0 : Math.max(rejecting.rowsRejected(), quarantine.size()),
                catalog.dataVersions(id).stream().limit(FeedPage.VERSIONS).toList(), heldVersions.waiting(id),
                newestFirst(outbox.deliveries(id)), Math.min(DEFAULT_DRY_RUN_ROWS, dryRun.maxRows()), dryRun.maxRows()));
        boolean push = registry.feed(id).filter(FeedDefinition::pushed).isPresent();
        model.addAttribute("push", push);
        model.addAttribute("pushToken", push ? pushTokens.of(id).orElse(null) : null);
        model.addAttribute("rejectedFiles", rejectedFiles.isDrop(id) ? rejected(id) : null);
        return "admin/feed";
    }

    /** The drop's refused files; a drop server that cannot be reached is said in the section, not as an error page. */
    private RejectedFilesSection rejected(String id) {
        try {
            return new RejectedFilesSection(rejectedFiles.list(id).stream()
                    .map(f -> new RejectedFile(f.name(), f.size(), f.failedAt(), paths.hide(f.reason()))).toList(), null);
        } catch (RejectedFileException e) {
            return new RejectedFilesSection(java.util.List.of(), paths.hide(e.getMessage()));
        }
    }

    /** A run whose message names a feed file by its name, not by its place on the server. */
    private FeedRun withoutServerPaths(FeedRun r) {
        return r.withMessages(paths::hide);
    }

    /** Open work (pending, failed) first, then the newest of the rest: a long history must not hide a failure. */
    private static List<Delivery> newestFirst(List<Delivery> oldestFirst) {
        List<Delivery> list = new ArrayList<>(oldestFirst);
        Collections.reverse(list);
        List<Delivery> shown = new ArrayList<>();
        list.stream().filter(FeedPageController::open).forEach(shown::add);
        list.stream().filter(d -> !open(d)).limit(Math.max(0, FeedPage.DELIVERIES - shown.size())).forEach(shown::add);
        return shown;
    }

    private static boolean open(Delivery d) {
        return d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.FAILED;
    }
}
