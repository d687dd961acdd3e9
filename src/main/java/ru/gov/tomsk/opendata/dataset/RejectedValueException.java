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
}
