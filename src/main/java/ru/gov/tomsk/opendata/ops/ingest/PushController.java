package ru.gov.tomsk.opendata.ops.ingest;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;

/**
 * {@code POST /api/ingest/<feed>}: an information system pushes its dataset, with the feed's own token
 * ({@link PushTokenFilter} lets only that through), and is answered the outcome of the run; a large push is answered
 * 202 with a status URL, {@code GET /api/ingest/<feed>/pushes/<n>}, that the same token reads.
 */
@RestController
@Tag(name = PushController.TAG, description = "Information systems push their datasets (source kind push)")
@SecurityRequirement(name = PushController.SCHEME)
class PushController {

    static final String BASE = "/api/ingest";
    static final String TAG = "Push ingestion";
    static final String SCHEME = "pushToken";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Visible ASCII, like the keys clients generate (UUIDs, hashes, dates). */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Logger LOG = LoggerFactory.getLogger(PushController.class);

    private final PushIngestion ingestion;
    private final FeedRegistry registry;

    PushController(PushIngestion ingestion, FeedRegistry registry) {
        this.ingestion = ingestion;
        this.registry = registry;
    }

    @PostMapping(BASE + "/{feed}")
    @Operation(summary = "Push a feed's dataset",
            description = "The body is the whole dataset in the feed's format (csv, json, xml or xlsx, as its source"
                    + " says), sent with the feed's push token. It is published when it passes the feed's guards."
                    + " Up to opendata.push.sync-threshold (with a Content-Length) the answer is the run's outcome;"
                    + " a larger body, or one sent chunked, is answered 202 with a status URL (Location).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The dataset: CSV (UTF-8 or Windows-1251, a header row), JSON, XML or XLSX",
                    content = {
                            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
                            @Content(mediaType = "application/json", schema = @Schema(type = "string", format = "binary")),
                            @Content(mediaType = "application/xml", schema = @Schema(type = "string", format = "binary")),
                            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                    schema = @Schema(type = "string", format = "binary")),
                            @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))}),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Run ended: outcome published, unchanged or held",
                            content = @Content(schema = @Schema(implementation = PushAnswer.class))),
                    @ApiResponse(responseCode = "202", description = "Large push accepted; its outcome at the status URL",
                            headers = @Header(name = "Location", description = "status URL"),
                            content = @Content(schema = @Schema(implementation = PushAnswer.class))),
                    @ApiResponse(responseCode = "400", description = "Idempotency-Key malformed"),
                    @ApiResponse(responseCode = "401", description = "No push token, or not a push token of this service",
                            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"opendata-push\"")),
                    @ApiResponse(responseCode = "403", description = "The push token of another feed"),
                    @ApiResponse(responseCode = "404", description = "No push feed of that identifier"),
                    @ApiResponse(responseCode = "409", description = "Another push of the feed is being processed; retry later",
                            headers = @Header(name = "Retry-After", description = "seconds")),
                    @ApiResponse(responseCode = "413", description = "Body larger than opendata.push.max-size"),
                    @ApiResponse(responseCode = "422", description = "Outcome rejected (the body cannot be read as the"
                            + " dataset; a PushAnswer), or an Idempotency-Key already used with another body (a problem)"),
                    @ApiResponse(responseCode = "500", description = "Outcome failed: the service could not finish; retry later",
                            content = @Content(schema = @Schema(implementation = PushAnswer.class))),
                    @ApiResponse(responseCode = "503", description = "Too many large pushes waiting; retry later",
                            headers = @Header(name = "Retry-After", description = "seconds"))})
    ResponseEntity<?> push(@PathVariable("feed") String feedId,
                           @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, description = "Any unique text"
                                   + " (e.g. a UUID) per dataset sent; a retry with the same key and body gets the same"
                                   + " answer and publishes nothing twice. Kept for opendata.push.keep (24 h).")
                           @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                           HttpServletRequest request) throws IOException {
        // the filter let the request through for a loaded push feed only
        FeedDefinition feed = registry.feed(feedId).orElseThrow();
        if (key != null && !KEY.matcher(key).matches()) {
            return problem(HttpStatus.BAD_REQUEST, "Idempotency-Key must be 1 to 200 visible ASCII characters, e.g. a UUID");
        }
        long declared = request.getContentLengthLong();
        long limit = ingestion.settings().maxSize().toBytes();
        if (declared > limit) {
            return tooLarge(declared + " bytes declared", limit);
        }
        PushIngestion.Spooled body;
        try {
            body = ingestion.spool(feedId, request.getInputStream());
        } catch (PushIngestion.TooLarge e) {
            return tooLarge("more bytes sent", limit);
        }
        boolean async = declared < 0 || declared > ingestion.settings().syncThreshold().toBytes();
        try {
            PushIngestion.Reply reply = ingestion.receive(feed, body, key, async, statusBase(feedId));
            LOG.info("Feed {}: push answered {}{}", feedId, reply.status(), reply.replayed() ? " (a retry, as before)" : "");
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(reply.status()).contentType(MediaType.APPLICATION_JSON);
            if (reply.replayed()) {
                answer.header("Idempotent-Replayed", "true");
            }
            if (reply.status() == HttpStatus.ACCEPTED.value() && reply.answer() != null) {
                answer.location(URI.create(reply.answer().status())).header(HttpHeaders.RETRY_AFTER, "5");
            }
            return answer.body(reply.rawAnswer());
        } catch (PushIngestion.Refused e) {
            ResponseEntity<ProblemDetail> problem = problem(e.status(), e.getMessage());
            return e.status() == HttpStatus.CONFLICT || e.status() == HttpStatus.SERVICE_UNAVAILABLE
                    ? ResponseEntity.status(problem.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "60")
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody())
                    : problem;
        }
    }

    @GetMapping(BASE + "/{feed}/pushes/{push}")
    @Operation(summary = "The outcome of a push",
            description = "While the push runs: 202 with outcome accepted. Once it has ended: the answer the push would"
                    + " have had (the same status and body). Kept for opendata.push.keep (24 h).",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Ended: published, unchanged or held",
                            content = @Content(schema = @Schema(implementation = PushAnswer.class))),
                    @ApiResponse(responseCode = "202", description = "Still running",
                            content = @Content(schema = @Schema(implementation = PushAnswer.class))),
                    @ApiResponse(responseCode = "401", description = "No push token, or not a push token of this service"),
                    @ApiResponse(responseCode = "403", description = "The push token of another feed"),
                    @ApiResponse(responseCode = "404", description = "No such push of this feed, or forgotten"),
                    @ApiResponse(responseCode = "422", description = "Ended: rejected",
                            content = @Content(schema = @Schema(implementation = PushAnswer.class))),
                    @ApiResponse(responseCode = "500", description = "Ended: failed",
                            content = @Content(schema = @Schema(implementation = PushAnswer.class)))})
    ResponseEntity<?> status(@PathVariable("feed") String feedId, @PathVariable("push") long push) {
        return ingestion.status(feedId, push, statusBase(feedId))
                .<ResponseEntity<?>>map(reply -> {
                    ResponseEntity.BodyBuilder answer = ResponseEntity.status(reply.status()).contentType(MediaType.APPLICATION_JSON);
                    if (reply.status() == HttpStatus.ACCEPTED.value()) {
                        answer.header(HttpHeaders.RETRY_AFTER, "5");
                    }
                    return answer.body(reply.rawAnswer());
                })
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "feed " + feedId + " has no push " + push + "; answers"
                        + " are kept for " + ingestion.settings().keep() + " (opendata.push.keep)"));
    }

    /** Path-absolute, so that it holds behind any proxy: the client resolves it against the URL it called. */
    static String statusBase(String feedId) {
        return BASE + "/" + feedId + "/pushes/";
    }

    private static ResponseEntity<ProblemDetail> tooLarge(String what, long limit) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "the body is larger than the limit of " + limit + " bytes ("
                + what + "); nothing was processed. The limit is opendata.push.max-size; ask the portal's administrator");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
