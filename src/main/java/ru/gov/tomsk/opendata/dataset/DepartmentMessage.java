package ru.gov.tomsk.opendata.dataset;

/**
 * What a department reads about a mistake: plain Russian first, then the technical detail in the service's own
 * (English) words, which is what the operator and the logs see and what a support request quotes.
 *
 * @param russian   what is wrong and what to do, in plain words; a whole sentence
 * @param technical the detail, as the log has it; may be empty
 */
public record DepartmentMessage(String russian, String technical) {

    /** Introduces the technical detail after the Russian text. */
    public static final String DETAIL = "Подробности: ";

    /** «Russian. Подробности: technical». */
    public String text() {
        return technical == null || technical.isBlank() ? russian : russian + " " + DETAIL + technical;
    }

    @Override
    public String toString() {
        return text();
    }
}
