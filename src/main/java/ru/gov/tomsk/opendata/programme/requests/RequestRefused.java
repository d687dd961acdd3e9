package ru.gov.tomsk.opendata.programme.requests;

/**
 * An operator's action on a request that was not done, with the field it is about: the console puts the Russian
 * words next to that field, the admin API answers a problem document naming it.
 *
 * @see RequestDesk
 */
public class RequestRefused extends RuntimeException {

    /** What kind of refusal, for the API's status. */
    public enum Reason {
        /** no request of that number (404) */
        NOT_FOUND,
        /** a field's value is missing or wrong (400) */
        INVALID,
        /** the request's state does not allow it (409) */
        CONFLICT
    }

    private final Reason reason;
    private final String field;
    private final String russian;

    /**
     * @param field   the form's and the API's name of the field at fault, null if none is
     * @param russian what the operator reads
     * @param english the detail for the API and the audit trail, naming the field
     */
    public RequestRefused(Reason reason, String field, String russian, String english) {
        super(english, null, false, false);
        this.reason = reason;
        this.field = field;
        this.russian = russian;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    public String russian() {
        return russian;
    }
}
