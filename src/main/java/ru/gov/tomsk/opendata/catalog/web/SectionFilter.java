package ru.gov.tomsk.opendata.catalog.web;

import ru.gov.tomsk.opendata.catalog.DatasetState;

/**
 * What a visitor asked the section page for: words to search and filters of the registry, each optional and all
 * combinable, as the GET parameters {@code q}, {@code owner} and {@code subject} of a shareable address.
 *
 * @param query   the search as typed, or {@code null}
 * @param owner   a dataset owner ({@code creator}) as the registry shows it, or {@code null} for every owner
 * @param subject one keyword of the passport ({@code subject}), or {@code null} for every keyword
 */
public record SectionFilter(String query, String owner, String subject) {

    /** Blank values (the «all» option of a select, an emptied search box) are no filter; the rest is trimmed. */
    public SectionFilter {
        query = stripped(query);
        owner = stripped(owner);
        subject = stripped(subject);
    }

    public boolean searching() {
        return query != null;
    }

    /** A query longer than {@link DatasetSearch#MAX_QUERY} is refused, not cut: a cut query would search for something else. */
    public boolean queryTooLong() {
        return query != null && query.length() > DatasetSearch.MAX_QUERY;
    }

    /** Whether the dataset passes the owner and keyword filters; the search is applied apart, by rank. */
    boolean admits(DatasetState dataset) {
        return (owner == null || owner.equals(dataset.passport().creator()))
                && (subject == null || dataset.passport().subject().contains(subject));
    }

    private static String stripped(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
