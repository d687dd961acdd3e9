package ru.gov.tomsk.opendata.source.http;

/**
 * An HTTP source that cannot deliver its records: an error status, an unreachable API, a page that is too
 * large, an API that pages without end. The message is meant for the run log and names the request (with
 * secrets masked). It deliberately carries no cause: a lower-level exception's message may quote the URL or a
 * header, and the run log shows the whole cause chain.
 */
public class HttpSourceException extends RuntimeException {

    public HttpSourceException(String message) {
        super(message);
    }
}
