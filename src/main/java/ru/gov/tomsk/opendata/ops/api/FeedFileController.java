package ru.gov.tomsk.opendata.ops.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.ops.FeedFileValidator;

/**
 * Checks a posted feed file exactly as the service would load it from {@code config/feeds/}, so a department can
 * try an edit before handing it over. Nothing is stored; VIEWER is enough.
 */
@RestController
@RequestMapping(AdminApi.BASE + "/feeds")
@Tag(name = AdminApi.FEED_FILES, description = "Validate a feed YAML before it is installed")
class FeedFileController {

    static final String YAML = "application/yaml";
    /** What a feed file may be posted as. Checked here, not by the mapping, so the 415 is a problem document too. */
    static final java.util.List<MediaType> ACCEPTED = java.util.List.of(MediaType.parseMediaType(YAML),
            MediaType.parseMediaType("application/x-yaml"), MediaType.parseMediaType("text/yaml"), MediaType.TEXT_PLAIN);

    private final FeedFileValidator validator;

    FeedFileController(FeedFileValidator validator) {
        this.validator = validator;
    }

    @PostMapping("/validate")
    @Operation(summary = "Validate a feed YAML",
            description = "Posts the text of a feed file (UTF-8 unless the Content-Type names a charset, at most "
                    + FeedFileValidator.MAX_BYTES / 1024 + " KiB) and answers with every problem, each with its line, "
                    + "column and property. An invalid file is still a 200: the answer is about the file, not the call.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = YAML, schema = @Schema(type = "string"), examples = @ExampleObject(
                            value = "identifier: 7017069388-schools\ntitle: Школы\n...")),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string"))}))
    @ApiResponse(responseCode = "200", description = "the problems; none when valid")
    @ApiResponse(responseCode = "400", description = "the body is empty or not text in its charset", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "the body is larger than a feed file may be", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "not sent as YAML or plain text", content = @Content(
            mediaType = AdminApi.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ValidationView validate(@Parameter(description = "the name it would have in config/feeds/; the identifier must "
                                    + "match it. Default: <identifier>.yaml", example = "7017069388-schools.yaml")
                            @RequestParam(required = false) String file,
                            HttpServletRequest request) throws IOException {
        requireText(request.getContentType());
        String text = body(request);
        var problems = validator.validate(file, text);
        return new ValidationView(problems.isEmpty(), problems.stream().map(ValidationView.Problem::of).toList());
    }

    private static void requireText(String contentType) {
        MediaType type = null;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            // reported below like any other type that is not accepted
        }
        MediaType sent = type;
        if (sent == null || ACCEPTED.stream().noneMatch(a -> a.equalsTypeAndSubtype(sent))) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + (contentType == null ? "none"
                    : "'" + FeedLookup.clip(contentType) + "'") + " is not accepted here; send the body as one of: "
                    + ACCEPTED.stream().map(MediaType::toString).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** Reads at most one byte more than a feed file may have, so an oversize body never fills the heap. */
    private static String body(HttpServletRequest request) throws IOException {
        int max = FeedFileValidator.MAX_BYTES;
        if (request.getContentLengthLong() > max) {
            throw tooLarge(request.getContentLengthLong());
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(max + 1);
        }
        if (bytes.length > max) {
            throw tooLarge(-1);
        }
        if (bytes.length == 0) {
            throw ApiProblem.badRequest("the request body is empty; post the text of the feed file");
        }
        Charset charset = charset(request.getCharacterEncoding());
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.badRequest("the request body is not valid " + charset.name() + " text; feed files are UTF-8 "
                    + "(or name the charset in the Content-Type)");
        }
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw ApiProblem.badRequest("the charset '" + FeedLookup.clip(name) + "' of the Content-Type is not supported");
        }
    }

    private static ApiProblem tooLarge(long bytes) {
        return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "the request body " + (bytes < 0 ? "is larger than "
                : "has " + bytes + " bytes; a feed file may have at most ") + FeedFileValidator.MAX_BYTES + " bytes ("
                + FeedFileValidator.MAX_BYTES / 1024 + " KiB)");
    }
}
