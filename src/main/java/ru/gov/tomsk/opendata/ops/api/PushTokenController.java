package ru.gov.tomsk.opendata.ops.api;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.ops.ingest.PushTokens;
import ru.gov.tomsk.opendata.ops.ingest.PushTokens.IssuedPushToken;

/**
 * The push token of a push feed, for scripts that set up information systems: issue (or rotate) and revoke, ADMIN only
 * (by the security chain), as on the feed's page in the console.
 */
@RestController
@RequestMapping(AdminApi.BASE + "/feeds/{id}/push-token")
@Tag(name = AdminApi.FEEDS)
class PushTokenController {

    private final PushTokens tokens;
    private final FeedLookup feeds;
    private final FeedRegistry registry;
    private final AdminAudit audit;

    PushTokenController(PushTokens tokens, FeedLookup feeds, FeedRegistry registry, AdminAudit audit) {
        this.tokens = tokens;
        this.feeds = feeds;
        this.registry = registry;
        this.audit = audit;
    }

    /** The token, this once; the service keeps its hash only. */
    record PushTokenView(String feed, String token, Instant issuedAt, String issuedBy, String pushUrl) {
        @Override
        public String toString() {
            return "PushTokenView[" + feed + "]";
        }
    }

    @PostMapping
    @Operation(summary = "Issue or rotate a push feed's token",
            description = "A new push token (odp_…) for the feed; the previous one, if any, stops working at once. The "
                    + "token is in this answer only: the service keeps its hash. ADMIN.")
    @ApiResponse(responseCode = "201", description = "the new token")
    @ApiResponse(responseCode = "404", description = "no such feed", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the feed is not a loaded push feed", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<PushTokenView> issue(@PathVariable String id, Principal principal) {
        String feedId = pushFeed(id, principal, "issue push token");
        boolean rotated = tokens.of(feedId).isPresent();
        IssuedPushToken issued = tokens.issue(feedId, AdminAudit.user(principal));
        audit.done(principal, rotated ? "rotate push token" : "issue push token", "feed " + feedId,
                rotated ? "issued; the previous token no longer works" : "issued");
        String push = "/api/ingest/" + feedId;
        return ResponseEntity.created(URI.create(push)).body(new PushTokenView(feedId, issued.secret(),
                issued.token().issuedAt(), issued.token().issuedBy(), push));
    }

    @DeleteMapping
    @Operation(summary = "Revoke a push feed's token", description = "Pushes with it are refused from now on. ADMIN.")
    @ApiResponse(responseCode = "204", description = "revoked")
    @ApiResponse(responseCode = "404", description = "no such feed, or it has no token", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> revoke(@PathVariable String id, Principal principal) {
        String feedId = pushFeed(id, principal, "revoke push token");
        if (!tokens.revoke(feedId)) {
            audit.refused(principal, "revoke push token", "feed " + feedId, "no token");
            throw ApiProblem.notFound("feed " + feedId + " has no push token");
        }
        audit.done(principal, "revoke push token", "feed " + feedId, "revoked");
        return ResponseEntity.noContent().build();
    }

    private String pushFeed(String id, Principal principal, String action) {
        String feedId = feeds.known(id);
        if (registry.feed(feedId).filter(FeedDefinition::pushed).isEmpty()) {
            audit.refused(principal, action, "feed " + feedId, "not a loaded push feed");
            throw new ApiProblem(HttpStatus.CONFLICT, "feed " + feedId + " is not a loaded push feed (source kind push);"
                    + " only such a feed has a push token");
        }
        return feedId;
    }
}
