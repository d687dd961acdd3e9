package ru.gov.tomsk.opendata.ops.api;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;
import ru.gov.tomsk.opendata.ops.DryRunProperties;
import ru.gov.tomsk.opendata.ops.DryRunRefusedException;
import ru.gov.tomsk.opendata.ops.DryRunResult;
import ru.gov.tomsk.opendata.ops.DryRuns;
import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.ops.ServerPaths;
import ru.gov.tomsk.opendata.source.FeedRoutes;

/** Feeds: their status, and the two things an operator does to one: run it now, or try it dry. */
@RestController
@RequestMapping(AdminApi.BASE + "/feeds")
@Tag(name = AdminApi.FEEDS, description = "Feeds with status, schedule and deadline; run now; dry run")
class FeedController {

    static final int DEFAULT_DRY_RUN_ROWS = 20;

    private final FeedStatuses statuses;
    private final FeedLookup feeds;
    private final FeedRegistry registry;
    private final FeedRoutes routes;
    private final RunLog runLog;
    private final DryRuns dryRuns;
    private final DryRunProperties dryRunSettings;
    private final AdminAudit audit;
    private final Clock clock;
    private final ServerPaths paths;

    FeedController(FeedStatuses statuses, FeedLookup feeds, FeedRegistry registry, FeedRoutes routes, RunLog runLog,
                   DryRuns dryRuns, DryRunProperties dryRunSettings, AdminAudit audit, Clock clock, ServerPaths paths) {
        this.paths = paths;
        this.statuses = statuses;
        this.feeds = feeds;
        this.registry = registry;
        this.routes = routes;
        this.runLog = runLog;
        this.dryRuns = dryRuns;
        this.dryRunSettings = dryRunSettings;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Every feed with its status",
            description = "Valid and broken feed files alike (a broken one has condition INVALID and the located error "
                    + "as its reason), sorted by identifier.")
    @ApiResponse(responseCode = "200", description = "the feeds")
    List<FeedView> all() {
        return statuses.all().stream().map(s -> FeedView.of(s, paths)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One feed with its status")
    @ApiResponse(responseCode = "200", description = "the feed")
    @ApiResponse(responseCode = "400", description = "malformed identifier", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such feed", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    FeedView one(@Parameter(description = "feed identifier", example = "7017069388-schools") @PathVariable String id) {
        return statuses.of(feeds.known(id)).map(s -> FeedView.of(s, paths)).orElseThrow(() -> ApiProblem.notFound(
                "feed '" + id + "' was removed meanwhile"));
    }

    @PostMapping("/{id}/run")
    @Operation(summary = "Run a feed now",
            description = "Fires the feed's own scheduled job, so a manual run never overlaps a scheduled one. The run "
                    + "appears in the run history (the Location) within moments. OPERATOR.")
    @ApiResponse(responseCode = "202", description = "the run was started; Location: its run history")
    @ApiResponse(responseCode = "400", description = "malformed identifier", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such feed", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the feed file is broken, or a run of it is in progress",
            content = @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<RunRequestView> run(@PathVariable String id, Principal principal) {
        String feedId = feeds.known(id);
        try {
            requireLoaded(feedId, "run");
            Optional<FeedRun> last = runLog.runs(feedId, 1).stream().findFirst();
            if (last.isPresent() && last.get().status() == RunStatus.RUNNING) {
                throw ApiProblem.conflict("feed " + feedId + " is running now (run " + last.get().id() + ", started "
                        + last.get().startedAt() + "); its result will be in the run history");
            }
            try {
                routes.runNow(feedId);
            } catch (IllegalStateException e) {
                // the scheduler has no job for it: its route could not be created (see the run history)
                throw ApiProblem.conflict("feed " + feedId + " cannot be started: " + e.getMessage());
            }
        } catch (ApiProblem e) {
            audit.refused(principal, "run now", "feed " + feedId, e.getMessage());
            throw e;
        }
        audit.done(principal, "run now", "feed " + feedId, "started");
        URI runs = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(AdminApi.BASE + "/feeds/{id}/runs").buildAndExpand(feedId).toUri();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(runs)
                .body(new RunRequestView(feedId, AdminAudit.user(principal), clock.instant(), URI.create(runs.getPath())));
    }

    @PostMapping("/{id}/dry-run")
    @Operation(summary = "Dry run: what a run would do now, with nothing written or published",
            description = "Source → checks → the first rows as they would be published, the first rejects with their "
                    + "reasons, and the diff against the published version. No run is recorded, no version staged, no "
                    + "delivery queued. Waits for the result (up to opendata.dry-run.timeout); a dry run that started "
                    + "but failed (e.g. the source is down) is a 200 with `error` set. OPERATOR.")
    @ApiResponse(responseCode = "200", description = "what a run would do")
    @ApiResponse(responseCode = "400", description = "malformed identifier, or rows out of range", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such feed", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the feed file is broken, or a run or dry run is in progress",
            content = @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "the feed's source kind cannot be read without consuming it",
            content = @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    DryRunResult dryRun(@PathVariable String id,
                        @Parameter(description = "records (and rejects) to show, 1 to opendata.dry-run.max-rows (1000)")
                        @RequestParam(defaultValue = "" + DEFAULT_DRY_RUN_ROWS) int rows,
                        Principal principal) {
        String feedId = feeds.known(id);
        if (rows < 1 || rows > dryRunSettings.maxRows()) {
            ApiProblem problem = ApiProblem.badRequest("query parameter 'rows' must be 1 to " + dryRunSettings.maxRows()
                    + " (opendata.dry-run.max-rows); got " + rows);
            audit.refused(principal, "dry run", "feed " + feedId, problem.getMessage());
            throw problem;
        }
        try {
            DryRunResult result = dryRuns.dryRun(feedId, rows);
            audit.done(principal, "dry run", "feed " + feedId, result.error() != null ? "failed: " + result.error()
                    : result.rowsRead() + " read, " + result.rowsRejected() + " rejected, a run would be " + result.outcome());
            return result;
        } catch (DryRunRefusedException e) {
            audit.refused(principal, "dry run", "feed " + feedId, e.getMessage());
            throw e;
        }
    }

    private void requireLoaded(String feedId, String action) {
        InvalidFeedException broken = registry.broken().get(feedId);
        if (registry.feed(feedId).isEmpty()) {
            throw ApiProblem.conflict("feed " + feedId + " cannot " + action + " because its file is invalid: "
                    + (broken == null ? "it is not loaded" : paths.hide(broken.getMessage())));
        }
    }
}
