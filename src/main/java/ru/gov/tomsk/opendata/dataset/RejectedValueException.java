package ru.gov.tomsk.opendata.dataset;

/** A source value that cannot become a value of its field. The record is rejected with this reason. */
public class RejectedValueException extends RuntimeException {

    private final String field;
    private final String value;

    public RejectedValueException(String field, Object value, String reason) {
        super(reason);
        this.field = field;
        this.value = value == null ? null : String.valueOf(value);
    }

    /** The same rejection, for a subclass that adds what is known about the record. */
    protected RejectedValueException(RejectedValueException rejection) {
        super(rejection.getMessage(), rejection);
        this.field = rejection.field;
        this.value = rejection.value;
    }

    public String field() {
        return field;
    }

    /** The offending value, truncated for reports. */
    public String value() {
        return value == null || value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    public String reason() {
        return getMessage();
    }

    /**
     * The reason with the field and the value it is about, so that it reads on its own (a log, a message to the
     * department): {@code field visitors, value '12a': not a valid integer}.
     */
    public String describe() {
        return "field " + field + ", " + (value == null ? "no value" : "value '" + value() + "'") + ": " + reason();
    }
}
