package ru.gov.tomsk.opendata.ops.api;

import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;
import ru.gov.tomsk.opendata.ops.DraftDryRun;
import ru.gov.tomsk.opendata.ops.DraftRefusedException;
import ru.gov.tomsk.opendata.ops.DraftUpload;
import ru.gov.tomsk.opendata.ops.Drafts;
import ru.gov.tomsk.opendata.ops.DryRunProperties;
import ru.gov.tomsk.opendata.ops.DryRunRefusedException;
import ru.gov.tomsk.opendata.ops.ServerPaths;

/**
 * Draft feed files: tried before they are installed (nothing written), then installed. A DEPARTMENT account may use
 * the drafts of its own organisations ({@code owners}), an OPERATOR any. Parts: {@code feed} (the YAML) and
 * optionally {@code sample} (a data file: a drop's file, or a push's body).
 */
@RestController
@RequestMapping(AdminApi.BASE + "/drafts")
@Tag(name = AdminApi.FEED_FILES)
class DraftController {

    private final Drafts drafts;
    private final DryRunProperties settings;
    private final AdminAudit audit;
    private final ServerPaths paths;

    DraftController(Drafts drafts, DryRunProperties settings, AdminAudit audit, ServerPaths paths) {
        this.drafts = drafts;
        this.settings = settings;
        this.audit = audit;
        this.paths = paths;
    }

    @PostMapping("/dry-run")
    @Operation(summary = "Try a draft feed file: what it would publish, with nothing written",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "multipart/form-data", schema = @Schema(implementation = DraftParts.class))),
            description = "multipart/form-data: part `feed` (the YAML, UTF-8), optional part `sample` (a data file; "
                    + "for file, ftp and sftp feeds read instead of the drop, for push feeds sent as the body). Without "
                    + "a sample sql and http feeds read their source, file drops are read without moving anything. "
                    + "The answer has the passport, structure, first rows, rejects, the source's columns against the "
                    + "fields, and the diff against the published version. DEPARTMENT (own INNs), OPERATOR.")
    @ApiResponse(responseCode = "200", description = "what the draft would publish; `result.error` when the dry run "
            + "started but failed")
    @ApiResponse(responseCode = "400", description = "a part is missing, unknown or not UTF-8; rows out of range",
            content = @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "the draft belongs to another organisation", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "a part is larger than its limit", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "the feed file is invalid; `problems` lists them", content =
            @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    DraftDryRun dryRun(@Parameter(description = "records (and rejects) to show, 1 to opendata.dry-run.max-rows")
                       @RequestParam(defaultValue = "20") int rows,
                       HttpServletRequest request, Authentication who, Principal principal) {
        DraftUpload upload = upload(request);
        FeedDefinition feed = parse(upload, who, principal, "try draft");
        String subject = "draft " + feed.identifier();
        try {
            DraftDryRun result = drafts.tryDraft(feed, upload.sample(), rows);
            audit.done(principal, "try draft", subject, result.result().error() != null ? "failed: "
                    + result.result().error() : result.result().rowsRead() + " read, " + result.result().rowsRejected()
                    + " rejected" + (upload.sample() == null ? "" : ", from sample " + result.sample()));
            return result;
        } catch (DryRunRefusedException | DraftRefusedException e) {
            audit.refused(principal, "try draft", subject, e.getMessage());
            throw e;
        }
    }

    @PostMapping("/install")
    @Operation(summary = "Install a draft feed file",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "multipart/form-data", schema = @Schema(implementation = DraftParts.class))),
            description = "The same parts as the dry run, sent with the header X-Requested-With (any value). Writes "
                    + "<feeds-dir>/<identifier>.yaml atomically once it validates; the live reload picks it up. For a "
                    + "file feed the sample is put into the drop directory, so the next poll publishes it. DEPARTMENT "
                    + "(own INNs), OPERATOR.")
    @ApiResponse(responseCode = "201", description = "installed")
    @ApiResponse(responseCode = "400", description = "a part is missing, unknown or not UTF-8; the sample's name does "
            + "not match the feed's include", content = @Content(mediaType = AdminApi.PROBLEM_JSON,
            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "the draft belongs to another organisation", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the drop already holds a file of the sample's name", content =
            @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "the feed file is invalid; `problems` lists them", content =
            @Content(mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    org.springframework.http.ResponseEntity<InstalledView> install(HttpServletRequest request, Authentication who,
                                                                   Principal principal) {
        DraftUpload upload = upload(request);
        FeedDefinition feed = parse(upload, who, principal, "install draft");
        String subject = "feed " + feed.identifier();
        try {
            Drafts.Installed installed = drafts.install(feed, upload.yaml(), upload.sample());
            audit.done(principal, "install draft", subject, (installed.replaced() ? "replaced " : "installed ")
                    + installed.feedFile().getFileName() + (installed.dropped() == null ? ""
                    : ", sample dropped as " + installed.dropped().getFileName()));
            return org.springframework.http.ResponseEntity.status(HttpStatus.CREATED).body(new InstalledView(
                    installed.identifier(), installed.feedFile().getFileName().toString(), installed.replaced(),
                    installed.dropped() == null ? null : installed.dropped().getFileName().toString()));
        } catch (DraftRefusedException e) {
            audit.refused(principal, "install draft", subject, e.getMessage());
            throw e;
        }
    }

    /** The parts of a draft, for the OpenAPI description (the controller reads them itself, to name a bad one). */
    @Schema(name = "DraftParts")
    record DraftParts(@Schema(description = "the feed file (YAML, UTF-8)", type = "string", format = "binary",
                              requiredMode = Schema.RequiredMode.REQUIRED) String feed,
                      @Schema(description = "a data file: a drop's file, or a push's body", type = "string",
                              format = "binary") String sample) {
    }

    /**
     * @param feedFile the file's name in the feeds directory
     * @param replaced whether it replaced an installed feed file
     * @param dropped  the sample's name in the drop directory, when one was put there
     */
    @Schema(name = "InstalledDraft")
    record InstalledView(String identifier, String feedFile, boolean replaced, String dropped) {
    }

    private DraftUpload upload(HttpServletRequest request) {
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the draft as multipart/form-data: part 'feed' "
                    + "(the feed file) and optionally part 'sample' (a data file)");
        }
        return DraftUpload.read(multipart, settings);
    }

    private FeedDefinition parse(DraftUpload upload, Authentication who, Principal principal, String action) {
        try {
            return drafts.parse(who, upload.yaml());
        } catch (InvalidFeedException e) {
            audit.refused(principal, action, "draft", "invalid: " + e.problems().size() + " problem(s)");
            throw new InvalidDraft(e);
        } catch (DraftRefusedException e) {
            audit.refused(principal, action, "draft", e.getMessage());
            throw e;
        }
    }

    /** The feed file does not load: answered with its located problems. */
    static final class InvalidDraft extends RuntimeException {
        final transient InvalidFeedException invalid;

        InvalidDraft(InvalidFeedException invalid) {
            super(invalid.getMessage());
            this.invalid = invalid;
        }
    }
}
