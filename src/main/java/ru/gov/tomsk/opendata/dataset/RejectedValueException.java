package ru.gov.tomsk.opendata.dataset;

/**
 * A source value that cannot become a value of its field. The record is rejected with this reason, which the
 * quarantine keeps in the department's words ({@link #forDepartment()}); the log keeps {@link #describe()}.
 */
public class RejectedValueException extends RuntimeException implements ExplainedFailure {

    private final String field;
    private final String value;
    private final String russian;

    /**
     * @param reason  the technical reason, in English: {@code not a valid integer}
     * @param russian the same in plain Russian, without the field and value: «значение не является целым числом»
     */
    public RejectedValueException(String field, Object value, String reason, String russian) {
        super(reason);
        this.field = field;
        this.value = value == null ? null : String.valueOf(value);
        this.russian = russian;
    }

    /** The same rejection, for a subclass that adds what is known about the record. */
    protected RejectedValueException(RejectedValueException rejection) {
        super(rejection.getMessage(), rejection);
        this.field = rejection.field;
        this.value = rejection.value;
        this.russian = rejection.russian;
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

    /** The reason alone in plain Russian, without the field and value that a quarantine row shows beside it. */
    public String russianReason() {
        return russian;
    }

    /** What the quarantine and a dry run's rejects show: «Значение не является целым числом. Подробности: field …». */
    public String forDepartment() {
        return new DepartmentMessage(capitalized(russian) + ".", describe()).text();
    }

    /** The rejection on its own, with the field and the value, for a run that failed on it. */
    @Override
    public String russian() {
        return "Поле «" + field + "»" + (value == null ? "" : ", значение «" + value() + "»") + ": " + russian + ".";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
