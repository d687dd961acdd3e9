package ru.gov.tomsk.opendata.ops.api;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.publish.Delivery;
import ru.gov.tomsk.opendata.publish.DeliveryStatus;
import ru.gov.tomsk.opendata.publish.Outbox;

/** The delivery outbox: what each portal received or still has to, and an operator's retry. */
@RestController
@RequestMapping(AdminApi.BASE)
@Tag(name = AdminApi.DELIVERIES, description = "Deliveries of versions to the portals, and retry")
class DeliveryController {

    private final FeedLookup feeds;
    private final Outbox outbox;
    private final AdminAudit audit;

    DeliveryController(FeedLookup feeds, Outbox outbox, AdminAudit audit) {
        this.feeds = feeds;
        this.outbox = outbox;
        this.audit = audit;
    }

    @GetMapping("/deliveries")
    @Operation(summary = "Deliveries, by status and feed",
            description = "With feed: that dataset's deliveries (also of a removed feed), of every status unless "
                    + "status is given. Without feed: those of the given status, or without status the open work, "
                    + "PENDING and FAILED deliveries. Oldest first.")
    @ApiResponse(responseCode = "200", description = "the deliveries")
    @ApiResponse(responseCode = "400", description = "unknown status or malformed feed identifier", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    List<DeliveryView> deliveries(@Parameter(description = "PENDING, DONE, FAILED or SUPERSEDED")
                                  @RequestParam(required = false) DeliveryStatus status,
                                  @Parameter(description = "feed identifier") @RequestParam(required = false) String feed) {
        List<Delivery> found;
        if (feed != null) {
            found = outbox.deliveries(FeedLookup.wellFormed("feed", feed)).stream()
                    .filter(d -> status == null || d.status() == status).toList();
        } else if (status != null) {
            found = outbox.deliveries(status);
        } else {
            List<Delivery> open = new ArrayList<>(outbox.deliveries(DeliveryStatus.PENDING));
            open.addAll(outbox.deliveries(DeliveryStatus.FAILED));
            open.sort(Comparator.comparingLong(Delivery::id));
            found = open;
        }
        return found.stream().map(DeliveryView::of).toList();
    }

    @GetMapping("/feeds/{id}/deliveries")
    @Operation(summary = "Every delivery of a feed's versions, oldest first")
    @ApiResponse(responseCode = "200", description = "the deliveries")
    @ApiResponse(responseCode = "400", description = "malformed identifier", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such feed", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    List<DeliveryView> ofFeed(@PathVariable String id) {
        return outbox.deliveries(feeds.known(id)).stream().map(DeliveryView::of).toList();
    }

    @PostMapping("/deliveries/{deliveryId}/retry")
    @Operation(summary = "Retry a delivery now",
            description = "A given-up (FAILED) delivery starts a new round at once; a PENDING one skips the rest of its "
                    + "backoff. OPERATOR.")
    @ApiResponse(responseCode = "200", description = "retried; the delivery as it is now")
    @ApiResponse(responseCode = "400", description = "malformed id", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such delivery", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "DONE or SUPERSEDED, or overtaken by a newer version's delivery",
            content = @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    DeliveryView retry(@PathVariable long deliveryId, Principal principal) {
        String subject = "delivery " + deliveryId;
        try {
            if (deliveryId < 1) {
                throw ApiProblem.badRequest("path variable 'deliveryId' must be a positive whole number; got " + deliveryId);
            }
            Delivery delivery = outbox.delivery(deliveryId)
                    .orElseThrow(() -> ApiProblem.notFound("no delivery " + deliveryId));
            subject = "delivery " + deliveryId + " of " + delivery.identifier() + " version " + delivery.dataVersion()
                    + " to " + delivery.target();
            Delivery retried;
            try {
                retried = outbox.retry(deliveryId, AdminAudit.user(principal));
            } catch (IllegalStateException e) {
                throw ApiProblem.conflict(e.getMessage());
            }
            audit.done(principal, "retry", subject, "now " + retried.status());
            return DeliveryView.of(retried);
        } catch (ApiProblem e) {
            audit.refused(principal, "retry", subject, e.getMessage());
            throw e;
        }
    }
}
