package ru.gov.tomsk.opendata.source;

/**
 * A refused file that could not be listed or re-queued, with the reason a caller maps to its answer (the API to an
 * HTTP status, the console to a Russian sentence).
 */
public class RejectedFileException extends RuntimeException {

    public enum Reason {
        /** No feed file of that identifier exists. */
        UNKNOWN_FEED,
        /** No refused file of that name is in the feed's {@code .error/}. */
        UNKNOWN_FILE,
        /** The name is not one a dropped file can have ({@code ..}, a slash, a hidden or reason file's name). */
        BAD_NAME,
        /** The feed does not read dropped files (sql, http, push), or its file does not load. */
        NOT_A_DROP,
        /** A file of the same name is waiting in the drop directory already. */
        ALREADY_WAITING,
        /** The feed has no running route (its route could not be created), so its drop is not known. */
        NO_ROUTE,
        /** The drop directory could not be reached or changed (server down, login refused, permissions). */
        UNREACHABLE
    }

    private final Reason reason;

    public RejectedFileException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
