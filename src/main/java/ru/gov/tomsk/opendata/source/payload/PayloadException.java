package ru.gov.tomsk.opendata.source.payload;

import ru.gov.tomsk.opendata.dataset.ExplainedFailure;

/**
 * A payload that cannot be read as records: the message names the source and the place (line, record, path,
 * sheet, row) so that the department can fix the file without a developer. Values are quoted through
 * {@link #excerpt(String)}, so a message never carries a whole (possibly huge or personal) value.
 */
public class PayloadException extends RuntimeException implements ExplainedFailure {

    /** The most characters of a source value a message may quote. */
    static final int EXCERPT_CHARS = 80;
    private static final String NOT_READ = "Файл с данными не принят: его не удалось прочитать в формате, который "
            + "указан в описании набора. Место и причина — в подробностях; исправьте файл и выложите его снова.";

    private final String russian;

    public PayloadException(String message) {
        this(NOT_READ, message, null);
    }

    public PayloadException(String message, Throwable cause) {
        this(NOT_READ, message, cause);
    }

    /** @param russian what the department should do, when this refusal has a plainer remedy than the general one */
    public PayloadException(String russian, String message, Throwable cause) {
        super(message, cause);
        this.russian = russian;
    }

    @Override
    public String russian() {
        return russian;
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
