package ru.gov.tomsk.opendata.ops.api;

import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.programme.requests.DataRequest;
import ru.gov.tomsk.opendata.programme.requests.RequestDeadlines;
import ru.gov.tomsk.opendata.programme.requests.RequestDepartments;
import ru.gov.tomsk.opendata.programme.requests.RequestDesk;
import ru.gov.tomsk.opendata.programme.requests.RequestRefused;
import ru.gov.tomsk.opendata.programme.requests.RequestViewers;

/**
 * Requests for new datasets: read (VIEWER every request, DEPARTMENT those routed to its organisations) and, as an
 * OPERATOR, routed to a department, answered, redacted. The bodies are JSON; an error names the field at fault.
 */
@RestController
@RequestMapping(AdminApi.BASE + "/requests")
@Tag(name = AdminApi.REQUESTS, description = "Requests for new datasets: deadlines, routing, answers, redaction")
class RequestController {

    private final RequestViewers viewers;
    private final RequestDeadlines deadlines;
    private final RequestDesk desk;
    private final RequestDepartments departments;
    private final AdminAudit audit;

    RequestController(RequestViewers viewers, RequestDeadlines deadlines, RequestDesk desk,
                      RequestDepartments departments, AdminAudit audit) {
        this.viewers = viewers;
        this.deadlines = deadlines;
        this.desk = desk;
        this.departments = departments;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Requests with their deadline status",
            description = "The newest first. Without the contact e-mail. A DEPARTMENT account gets the requests routed "
                    + "to its organisations only. VIEWER.")
    @ApiResponse(responseCode = "200", description = "the requests")
    @ApiResponse(responseCode = "400", description = "unknown filter", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    List<RequestView> all(@Parameter(description = "open (unanswered), overdue or all")
                          @RequestParam(defaultValue = "all") String filter, Authentication who) {
        RequestViewers.Filter chosen = RequestViewers.Filter.of(filter).orElseThrow(() -> ApiProblem.badRequest(
                "query parameter 'filter' must be one of " + Arrays.stream(RequestViewers.Filter.values())
                        .map(RequestViewers.Filter::word).collect(Collectors.joining(", ")) + "; got '"
                        + FeedLookup.clip(filter) + "'"));
        return viewers.visible(who, chosen).stream()
                .map(t -> RequestView.of(t, departments.name(t.request().department()), false)).toList();
    }

    @GetMapping("/{number}")
    @Operation(summary = "One request",
            description = "With the contact e-mail for an OPERATOR (who answers), without it for anyone else. VIEWER; "
                    + "DEPARTMENT for the requests routed to its organisations.")
    @ApiResponse(responseCode = "200", description = "the request")
    @ApiResponse(responseCode = "403", description = "a DEPARTMENT account asked for another's request", content =
            @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such request", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    RequestView one(@Parameter(description = "registration number", example = "З-2026-0007") @PathVariable String number,
                    Authentication who) {
        DataRequest request = found(number);
        if (!viewers.sees(who, request)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "request " + number + " is not routed to the departments of "
                    + "this account (owners)");
        }
        return view(request, who);
    }

    @PostMapping("/{number}/assign")
    @Operation(summary = "Route a request to a department",
            description = "Body {\"department\": \"<INN>\"}: a department of opendata.programme.departments or the INN "
                    + "of a loaded feed. An answered request keeps its department. OPERATOR.")
    @ApiResponse(responseCode = "200", description = "routed; the request as it is now")
    @ApiResponse(responseCode = "400", description = "the department is missing or unknown; `field` names it",
            content = @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such request", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the request is answered", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    RequestView assign(@PathVariable String number, @RequestBody(required = false) AssignBody body, Authentication who,
                       Principal principal) {
        String inn = body == null ? null : body.department();
        try {
            DataRequest request = desk.assign(number, inn, AdminAudit.user(principal));
            audit.done(principal, "assign request", "request " + number, "routed to " + request.department());
            return view(request, who);
        } catch (RequestRefused e) {
            throw refused(e, principal, "assign request", number);
        }
    }

    @PostMapping("/{number}/answer")
    @Operation(summary = "Answer a request (or correct its answer)",
            description = "Body {\"outcome\": \"PUBLISHED|PLANNED|REFUSED\", \"dataset\": \"<identifier>\", "
                    + "\"plannedOn\": \"YYYY-MM-DD\", \"answer\": \"text\"}: PUBLISHED needs a published dataset of the "
                    + "catalogue, PLANNED a date not in the past (the region's calendar), REFUSED the reason in "
                    + "`answer`. A request with a contact gets its e-mail notice queued. OPERATOR.")
    @ApiResponse(responseCode = "200", description = "answered; the request as it is now")
    @ApiResponse(responseCode = "400", description = "a field is missing or wrong; `field` names it", content =
            @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such request", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    RequestView answer(@PathVariable String number, @RequestBody(required = false) AnswerBody body, Authentication who,
                       Principal principal) {
        try {
            AnswerBody given = body == null ? new AnswerBody(null, null, null, null) : body;
            RequestDesk.Answer answer = new RequestDesk.Answer(RequestDesk.outcome(given.outcome()),
                    given.dataset(), RequestDesk.date("plannedOn", given.plannedOn()), given.answer());
            DataRequest request = desk.answer(number, answer, AdminAudit.user(principal));
            audit.done(principal, "answer request", "request " + number, request.outcome()
                    + (request.datasetId() != null ? " " + request.datasetId() : "")
                    + (request.plannedOn() != null ? " on " + request.plannedOn() : "")
                    + (request.noticeState() != null ? ", notice " + request.noticeState() : ""));
            return view(request, who);
        } catch (RequestRefused e) {
            throw refused(e, principal, "answer request", number);
        }
    }

    @PostMapping("/{number}/redact")
    @Operation(summary = "Set what the public sees of a request",
            description = "Body {\"what\": \"text\", \"why\": \"text\"}: `what` is required; the citizen's own words "
                    + "again when a text equals them; an empty `why` hides it. OPERATOR.")
    @ApiResponse(responseCode = "200", description = "redacted; the request as it is now")
    @ApiResponse(responseCode = "400", description = "a field is missing or too long; `field` names it", content =
            @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such request", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    RequestView redact(@PathVariable String number, @RequestBody(required = false) RedactBody body, Authentication who,
                       Principal principal) {
        try {
            DataRequest request = desk.redact(number, body == null ? null : body.what(), body == null ? null
                    : body.why(), AdminAudit.user(principal));
            audit.done(principal, "redact request", "request " + number, request.redacted() ? "public text redacted"
                    : "the citizen's own words shown");
            return view(request, who);
        } catch (RequestRefused e) {
            throw refused(e, principal, "redact request", number);
        }
    }

    @PostMapping("/{number}/notice")
    @Operation(summary = "Send a given-up e-mail notice again",
            description = "Queues the FAILED notice of an answered request again, its attempts from 0. OPERATOR.")
    @ApiResponse(responseCode = "200", description = "queued; the request as it is now")
    @ApiResponse(responseCode = "404", description = "no such request", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the notice is not FAILED", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    RequestView resendNotice(@PathVariable String number, Authentication who, Principal principal) {
        try {
            DataRequest request = desk.resendNotice(number);
            audit.done(principal, "resend notice", "request " + number, "queued again");
            return view(request, who);
        } catch (RequestRefused e) {
            throw refused(e, principal, "resend notice", number);
        }
    }

    /** @param department the department's INN */
    @Schema(name = "RequestAssignment")
    record AssignBody(String department) {
    }

    /**
     * @param outcome   PUBLISHED, PLANNED or REFUSED
     * @param dataset   PUBLISHED: the dataset's identifier
     * @param plannedOn PLANNED: YYYY-MM-DD
     * @param answer    the answer's text; REFUSED: the reason, required
     */
    @Schema(name = "RequestAnswer")
    record AnswerBody(@Schema(allowableValues = {"PUBLISHED", "PLANNED", "REFUSED"}) String outcome, String dataset,
                      @Schema(format = "date") String plannedOn, String answer) {
    }

    /** @param what the public text of the request, @param why the public text of its purpose ("" hides it) */
    @Schema(name = "RequestRedaction")
    record RedactBody(String what, String why) {
    }

    private DataRequest found(String number) {
        try {
            return desk.request(number);
        } catch (RequestRefused e) {
            throw ApiProblem.notFound(e.getMessage());
        }
    }

    private RequestView view(DataRequest request, Authentication who) {
        RequestDeadlines.Tracked tracked = new RequestDeadlines.Tracked(request, deadlines.status(request),
                deadlines.daysLeft(request));
        return RequestView.of(tracked, departments.name(request.department()), viewers.operates(who));
    }

    private ApiProblem refused(RequestRefused e, Principal principal, String action, String number) {
        audit.refused(principal, action, "request " + number, e.getMessage());
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return new FieldProblem(status, e.getMessage(), e.field());
    }

    /** As {@link ApiProblems} answers, with the field at fault as property {@code field}. */
    @ExceptionHandler(FieldProblem.class)
    ResponseEntity<ProblemDetail> fieldProblem(FieldProblem e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setInstance(URI.create(request.getRequestURI()));
        if (e.field != null) {
            problem.setProperty("field", e.field);
        }
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A problem about one field of the body: the document gets a {@code field} property naming it. */
    static final class FieldProblem extends ApiProblem {
        final String field;

        FieldProblem(HttpStatus status, String detail, String field) {
            super(status, detail);
            this.field = field;
        }
    }
}
