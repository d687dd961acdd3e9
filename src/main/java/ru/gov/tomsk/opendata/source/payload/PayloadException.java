package ru.gov.tomsk.opendata.source.payload;

/**
 * A payload that cannot be read as records: the message names the source and the place (line, record, path,
 * sheet, row) so that the department can fix the file without a developer. Values are quoted through
 * {@link #excerpt(String)}, so a message never carries a whole (possibly huge or personal) value.
 */
public class PayloadException extends RuntimeException {

    /** The most characters of a source value a message may quote. */
    static final int EXCERPT_CHARS = 80;

    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A value shortened for a message: at most {@value #EXCERPT_CHARS} characters, quoted, line breaks visible. */
    static String excerpt(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() <= EXCERPT_CHARS ? value : value.substring(0, EXCERPT_CHARS) + "…";
        return "'" + shown.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
