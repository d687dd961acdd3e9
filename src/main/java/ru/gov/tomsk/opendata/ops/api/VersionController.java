package ru.gov.tomsk.opendata.ops.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.catalog.CommitResult;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.HeldDecisionRefused;
import ru.gov.tomsk.opendata.catalog.HeldVersion;
import ru.gov.tomsk.opendata.pipeline.HeldVersions;
import ru.gov.tomsk.opendata.ops.Audit;

/** Published and held versions of a dataset, and an operator's decision on a held one. */
@RestController
@RequestMapping(AdminApi.BASE)
@Tag(name = AdminApi.VERSIONS, description = "Published versions, held versions, approve and discard")
class VersionController {

    private final FeedLookup feeds;
    private final CatalogRepository catalog;
    private final HeldVersions heldVersions;
    private final GateRepository gate;
    private final AdminAudit audit;

    VersionController(FeedLookup feeds, CatalogRepository catalog, HeldVersions heldVersions,
                      GateRepository gate, AdminAudit audit) {
        this.feeds = feeds;
        this.catalog = catalog;
        this.heldVersions = heldVersions;
        this.gate = gate;
        this.audit = audit;
    }

    @GetMapping("/feeds/{id}/versions")
    @Operation(summary = "Published data versions and held versions of a feed")
    @ApiResponse(responseCode = "200", description = "the versions")
    @ApiResponse(responseCode = "400", description = "malformed identifier", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such feed", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    VersionsView versions(@PathVariable String id) {
        String feedId = feeds.known(id);
        return new VersionsView(feedId, catalog.dataVersions(feedId).stream().map(VersionsView.Published::of).toList(),
                heldVersions.waiting(feedId).stream().map(VersionsView.Held::of).toList());
    }

    @PostMapping("/held/{heldId}/approve")
    @Operation(summary = "Approve a held version: publish it",
            description = "Publishes the version under the feed's current passport and queues its deliveries, with the "
                    + "authenticated user recorded as the one who decided. OPERATOR.")
    @ApiResponse(responseCode = "200", description = "published")
    @ApiResponse(responseCode = "400", description = "malformed id", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such held version", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "already approved, discarded or superseded; or its feed is not "
            + "loaded, so its passport is unknown", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    HeldDecisionView approve(@Parameter(description = "held version id") @PathVariable long heldId, Principal principal) {
        positive(heldId, "approve", principal);
        CommitResult result;
        try {
            result = heldVersions.approve(heldId, Audit.user(principal));
        } catch (HeldDecisionRefused e) {
            throw refused(principal, "approve", heldId, problem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HeldDecisionView decided = decision(heldId, result.dataVersion(), result.created());
        audit.done(principal, "approve", subject(heldId, decided.feedId()), (result.created() ? "published as "
                : "same content as ") + result.dataVersion());
        return decided;
    }

    @PostMapping("/held/{heldId}/discard")
    @Operation(summary = "Discard a held version",
            description = "Drops the held version; what is published stays as it is. OPERATOR.")
    @ApiResponse(responseCode = "200", description = "discarded")
    @ApiResponse(responseCode = "400", description = "malformed id", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such held version", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "already approved, discarded or superseded", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    HeldDecisionView discard(@Parameter(description = "held version id") @PathVariable long heldId, Principal principal) {
        positive(heldId, "discard", principal);
        try {
            heldVersions.discard(heldId, Audit.user(principal));
        } catch (HeldDecisionRefused e) {
            throw refused(principal, "discard", heldId, problem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HeldDecisionView decided = decision(heldId, null, null);
        audit.done(principal, "discard", subject(heldId, decided.feedId()), "discarded");
        return decided;
    }

    private void positive(long heldId, String action, Principal principal) {
        if (heldId < 1) {
            throw refused(principal, action, heldId, ApiProblem.badRequest(
                    "path variable 'heldId' must be a positive whole number; got " + heldId));
        }
    }

    private static ApiProblem problem(HeldDecisionRefused e) {
        return e.reason() == HeldDecisionRefused.Reason.NOT_FOUND ? ApiProblem.notFound(e.getMessage())
                : ApiProblem.conflict(e.getMessage());
    }

    private HeldDecisionView decision(long heldId, String publishedVersion, Boolean newVersion) {
        HeldVersion decided = gate.held(heldId).orElseThrow();
        return new HeldDecisionView(heldId, decided.identifier(), decided.status(), decided.decidedBy(), decided.decidedAt(),
                publishedVersion, newVersion);
    }

    private ApiProblem refused(Principal principal, String action, long heldId, ApiProblem problem) {
        audit.refused(principal, action, "held version " + heldId, problem.getMessage());
        return problem;
    }

    private static String subject(long heldId, String feedId) {
        return "held version " + heldId + " of " + feedId;
    }
}
