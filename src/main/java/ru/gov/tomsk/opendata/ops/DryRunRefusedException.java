package ru.gov.tomsk.opendata.ops;

/**
 * A dry run that was not started, with the reason a caller maps to its answer (the API to an HTTP status, the
 * console to a message). A dry run that started and failed is a {@link DryRunResult} with its {@code error}.
 */
public class DryRunRefusedException extends RuntimeException {

    public enum Reason {
        /** No feed file of that identifier exists. */
        UNKNOWN_FEED(404),
        /** The feed file exists but does not load; the message has its located problems. */
        INVALID_FEED(409),
        /** A run or another dry run of the feed is in progress, or too many dry runs are. */
        BUSY(409),
        /** The feed's source kind cannot be read without consuming what it reads. */
        NOT_AVAILABLE(422),
        /** The request itself is wrong (e.g. the number of rows). */
        BAD_REQUEST(400);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public DryRunRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
