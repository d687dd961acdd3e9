package ru.gov.tomsk.opendata.ops;

/**
 * A draft that is not tried or installed, with a department-facing reason in Russian and the technical detail in
 * English (for the API's problem document and the audit log).
 */
public class DraftRefusedException extends RuntimeException {

    public enum Reason {
        /** The account may not act for the draft's organisation. */
        FORBIDDEN(403),
        /** The installation would overwrite or clash with something that is there. */
        CONFLICT(409),
        /** The request itself is wrong (a missing or unknown part, text that is not UTF-8). */
        BAD_REQUEST(400),
        /** A part is larger than its limit. */
        TOO_LARGE(413);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;
    private final String russian;

    public DraftRefusedException(Reason reason, String russian, String detail) {
        super(detail);
        this.reason = reason;
        this.russian = russian;
    }

    public Reason reason() {
        return reason;
    }

    /** What the department reads. */
    public String russian() {
        return russian;
    }
}
