package ru.gov.tomsk.opendata.ops.api;

import org.springframework.http.HttpStatus;

/**
 * A request the API answers with a problem document: the status and a detail that names what was wrong (the
 * parameter, the feed, the state it is in), so a script's author can fix the call without reading the log.
 */
class ApiProblem extends RuntimeException {

    private final HttpStatus status;

    ApiProblem(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail);
    }
}
