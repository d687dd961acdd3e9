package ru.gov.tomsk.opendata.ops.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.QuarantineReports;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.ops.ServerPaths;

/** The run history of a feed and the quarantine report of a run. */
@RestController
@RequestMapping(AdminApi.BASE)
@Tag(name = AdminApi.RUNS, description = "Run history and quarantine reports")
class RunController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final FeedLookup feeds;
    private final RunLog runLog;
    private final GateRepository gate;
    private final QuarantineReports reports;
    private final ServerPaths paths;

    RunController(FeedLookup feeds, RunLog runLog, GateRepository gate, OpendataProperties properties,
                  ServerPaths paths) {
        this.paths = paths;
        this.feeds = feeds;
        this.runLog = runLog;
        this.gate = gate;
        this.reports = new QuarantineReports(properties.quarantineDir());
    }

    @GetMapping("/feeds/{id}/runs")
    @Operation(summary = "Run history of a feed, newest first")
    @ApiResponse(responseCode = "200", description = "the runs")
    @ApiResponse(responseCode = "400", description = "malformed identifier, or limit out of range", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such feed", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    List<RunView> runs(@PathVariable String id,
                       @Parameter(description = "most runs to return, 1 to " + MAX_LIMIT)
                       @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        String feedId = feeds.known(id);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("query parameter 'limit' must be 1 to " + MAX_LIMIT + "; got " + limit);
        }
        return runLog.runs(feedId, limit).stream().map(r -> RunView.of(r, paths)).toList();
    }

    @GetMapping(value = "/runs/{runId}/quarantine")
    @Operation(summary = "Quarantine report of a run",
            description = "The records the run rejected, with row, key, field, value and reason. With format=csv, the "
                    + "report file as the service keeps it for operators (UTF-8, CRLF, a header row); a run that "
                    + "rejected nothing has an empty report.")
    @ApiResponse(responseCode = "200", description = "the report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = QuarantineReportView.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "malformed run id or format", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such run, or its report file is gone", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> quarantine(@PathVariable long runId,
                                 @Parameter(description = "json (default) or csv", schema = @Schema(allowableValues = {"json", "csv"}))
                                 @RequestParam(required = false) String format) {
        if (runId < 1) {
            throw ApiProblem.badRequest("path variable 'runId' must be a positive whole number; got " + runId);
        }
        boolean csv = format != null && format.equalsIgnoreCase("csv");
        if (format != null && !csv && !format.equalsIgnoreCase("json")) {
            throw ApiProblem.badRequest("query parameter 'format' must be json or csv; got '" + FeedLookup.clip(format) + "'");
        }
        String feedId = runLog.run(runId).map(FeedRun::feedId).orElseThrow(() -> ApiProblem.notFound("no run " + runId + " is recorded"));
        if (!csv) {
            return ResponseEntity.ok(new QuarantineReportView(runId, feedId,
                    gate.quarantine(runId).stream().map(QuarantineReportView.Row::of).toList()));
        }
        String fileName = feedId + "-run-" + runId + "-quarantine.csv";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(CSV);
        headers.setContentDisposition(ContentDisposition.attachment().filename(fileName).build());
        Path file = reports.file(feedId, runId);
        if (Files.isRegularFile(file)) {
            // streamed from disk: a report of a big dirty source can be large
            return ResponseEntity.ok().headers(headers).body(new FileSystemResource(file));
        }
        if (gate.quarantine(runId).isEmpty()) {
            return ResponseEntity.ok().headers(headers).body("row,key,field,value,reason\r\n");
        }
        // rejects recorded but the file was cleaned up on the server: say so, without the server's path
        throw ApiProblem.notFound("the report file of run " + runId + " is no longer kept; its rows are at "
                + AdminApi.BASE + "/runs/" + runId + "/quarantine");
    }
}
