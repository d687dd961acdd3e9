package ru.gov.tomsk.opendata.ops.api;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.ops.ServerPaths;
import ru.gov.tomsk.opendata.source.RejectedFileException;
import ru.gov.tomsk.opendata.source.RejectedFiles;

/** The files a file-drop feed refused ({@code .error/} of its drop directory), and moving one back after a fix. */
@RestController
@RequestMapping(AdminApi.BASE + "/feeds/{id}/rejected-files")
@Tag(name = AdminApi.FEEDS)
class RejectedFileController {

    private final FeedLookup feeds;
    private final RejectedFiles rejected;
    private final FeedStatuses statuses;
    private final AdminAudit audit;
    private final Clock clock;
    private final ServerPaths paths;

    RejectedFileController(FeedLookup feeds, RejectedFiles rejected, FeedStatuses statuses, AdminAudit audit,
                           Clock clock, ServerPaths paths) {
        this.feeds = feeds;
        this.rejected = rejected;
        this.statuses = statuses;
        this.audit = audit;
        this.clock = clock;
        this.paths = paths;
    }

    @GetMapping
    @Operation(summary = "The files a file-drop feed refused",
            description = "The files in `.error/` of the feed's drop directory (local, or on its FTP or SFTP server, "
                    + "reached with the feed's own settings), the newest refusal first, each with its reason file's "
                    + "text. VIEWER.")
    @ApiResponse(responseCode = "200", description = "the refused files; empty when there are none")
    @ApiResponse(responseCode = "404", description = "no such feed", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the feed does not read dropped files, its file is broken, or "
            + "it has no route", content = @Content(mediaType = AdminApi.PROBLEM_JSON,
            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "502", description = "the drop directory could not be reached", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    List<RejectedFileView> list(@Parameter(description = "feed identifier", example = "7017069388-schools")
                                @PathVariable String id) {
        String feedId = feeds.known(id);
        try {
            return rejected.list(feedId).stream()
                    .map(file -> RejectedFileView.of(feedId, file, paths.hide(file.reason()))).toList();
        } catch (RejectedFileException e) {
            throw problem(e);
        }
    }

    @PostMapping("/{name}/requeue")
    @Operation(summary = "Move a refused file back into the drop directory",
            description = "After the file or the feed was fixed: the file moves from `.error/` back into the drop "
                    + "directory, its reason file beside it as `.<name>.error.txt` (hidden, never read as data), and "
                    + "the feed's done-file is written if it waits for one. The next run reads it, even if its content "
                    + "is unchanged; a successful run removes the reason file. OPERATOR.")
    @ApiResponse(responseCode = "200", description = "moved back; the next run reads it")
    @ApiResponse(responseCode = "400", description = "not a refused file's name (`..`, a slash, a hidden or reason "
            + "file)", content = @Content(mediaType = AdminApi.PROBLEM_JSON,
            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such feed, or no such refused file", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "a file of that name waits in the drop directory already, or the "
            + "feed does not read dropped files", content = @Content(mediaType = AdminApi.PROBLEM_JSON,
            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "502", description = "the drop directory could not be reached", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    RequeueView requeue(@PathVariable String id,
                        @Parameter(description = "the refused file's name", example = "organisations.csv")
                        @PathVariable String name, Principal principal) {
        String feedId = feeds.known(id);
        String subject = "feed " + feedId + " file " + FeedLookup.clip(name);
        try {
            rejected.requeue(feedId, name);
        } catch (RejectedFileException e) {
            audit.refused(principal, "requeue", subject, e.getMessage());
            throw problem(e);
        }
        audit.done(principal, "requeue", subject, "moved back from .error/ into the drop directory");
        return new RequeueView(feedId, name, AdminAudit.user(principal), clock.instant(),
                statuses.of(feedId).map(s -> s.nextFireAt()).orElse(null));
    }

    private ApiProblem problem(RejectedFileException e) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_FEED, UNKNOWN_FILE -> HttpStatus.NOT_FOUND;
            case BAD_NAME -> HttpStatus.BAD_REQUEST;
            case NOT_A_DROP, ALREADY_WAITING, NO_ROUTE -> HttpStatus.CONFLICT;
            // the drop's server failed, not the service
            case UNREACHABLE -> HttpStatus.BAD_GATEWAY;
        };
        return new ApiProblem(status, paths.hide(e.getMessage()));
    }
}
