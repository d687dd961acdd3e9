package ru.gov.tomsk.opendata.ops.api;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import ru.gov.tomsk.opendata.ops.DraftRefusedException;
import ru.gov.tomsk.opendata.ops.DryRunRefusedException;
import ru.gov.tomsk.opendata.ops.ServerPaths;

/**
 * Every error of the admin API as an RFC 9457 problem document ({@code application/problem+json}) whose
 * {@code detail} names the parameter, the feed or the state that made the request fail. Spring MVC's own
 * exceptions get the same treatment, with sharper details than its defaults (which say "Failed to convert").
 * Only the API's controllers are advised: the console answers with pages.
 */
@RestControllerAdvice(basePackageClasses = AdminApi.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

    private final ServerPaths paths;

    ApiProblems(ServerPaths paths) {
        this.paths = paths;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem e, HttpServletRequest request) {
        return answer(e.status(), e.getMessage(), request);
    }

    @ExceptionHandler(DryRunRefusedException.class)
    ResponseEntity<ProblemDetail> dryRunRefused(DryRunRefusedException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.valueOf(e.reason().httpStatus()),
                paths.hide(e.getMessage()), request);
        problem.setProperty("reason", e.reason().name());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Russian words first for the department, then the detail, as every department-facing message. */
    @ExceptionHandler(DraftRefusedException.class)
    ResponseEntity<ProblemDetail> draftRefused(DraftRefusedException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.valueOf(e.reason().httpStatus()), e.russian() + "\nПодробности: "
                + paths.hide(e.getMessage()), request);
        problem.setProperty("reason", e.reason().name());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(DraftController.InvalidDraft.class)
    ResponseEntity<ProblemDetail> invalidDraft(DraftController.InvalidDraft e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "Описание набора содержит ошибки; исправьте "
                + "их и попробуйте снова.\nПодробности: " + paths.hide(e.getMessage()), request);
        problem.setProperty("problems", e.invalid.problems().stream().map(ValidationView.Problem::of).toList());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A bug or a failing state database: the caller learns that, never the internals (they go to the log). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        LOG.error("Admin API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "the request could not be completed because of an internal "
                + "error; the service log has the details (logger " + ApiProblems.class.getName() + ")", request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String detail;
        if (ex instanceof MethodArgumentTypeMismatchException m) {
            detail = kind(m.getParameter()) + " '" + m.getName() + "' " + expected(m.getRequiredType())
                    + "; got '" + FeedLookup.clip(String.valueOf(m.getValue())) + "'";
        } else {
            detail = "'" + ex.getPropertyName() + "' " + expected(ex.getRequiredType()) + "; got '"
                    + FeedLookup.clip(String.valueOf(ex.getValue())) + "'";
        }
        return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "query parameter '"
                + ex.getParameterName() + "' is required"), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String supported = ex.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(", "));
        String sent = ex.getContentType() == null ? "none" : "'" + ex.getContentType() + "'";
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + sent
                + " is not accepted here; send the body as one of: " + supported);
        return handleExceptionInternal(ex, body, headers, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        String allowed = ex.getSupportedHttpMethods() == null ? "" : ex.getSupportedHttpMethods().stream()
                .map(Object::toString).collect(Collectors.joining(", "));
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, "method " + ex.getMethod()
                + " is not supported here; allowed: " + allowed);
        return handleExceptionInternal(ex, body, headers, HttpStatus.METHOD_NOT_ALLOWED, request);
    }

    /** Spring's own problems would go out as plain application/json to a client that accepts anything. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail) {
            HttpHeaders problemHeaders = new HttpHeaders();
            problemHeaders.addAll(headers);
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(body, problemHeaders, statusCode);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String kind(MethodParameter parameter) {
        return parameter != null && parameter.hasParameterAnnotation(PathVariable.class) ? "path variable" : "query parameter";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "must be a whole number";
        }
        return "must be a " + type.getSimpleName();
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String detail, HttpServletRequest request) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, detail, request));
    }

    private static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        return problem;
    }
}
