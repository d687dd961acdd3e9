package ru.gov.tomsk.opendata.catalog.web;

import java.util.List;

/**
 * The section page ({@code /opendata/}). Links are relative to it, so the page works behind any host
 * or proxy prefix.
 *
 * @param filter        what the visitor asked for: search words, owner and keyword
 * @param rows          the registry, narrowed by the filters and the search; best matches first when searching
 * @param owners        every owner of a published dataset, for the owner filter
 * @param subjects      every keyword of a published dataset, for the keyword filter
 * @param statistics    of the whole section, whatever the search
 * @param registryFiles the registry files that exist ({@code list.csv}, {@code list.json}, {@code list.xml})
 */
public record SectionPage(SectionFilter filter, List<Row> rows, List<String> owners, List<String> subjects,
                          Statistics statistics, List<FileLink> registryFiles) {

    public SectionPage {
        rows = List.copyOf(rows);
        owners = List.copyOf(owners);
        subjects = List.copyOf(subjects);
        registryFiles = List.copyOf(registryFiles);
    }

    /** The search as typed; a refused, too long query is shown cut to the length the form accepts. */
    public String query() {
        String query = filter.query();
        return filter.queryTooLong() ? query.substring(0, DatasetSearch.MAX_QUERY) : query;
    }

    public boolean searching() {
        return filter.searching();
    }

    public boolean queryTooLong() {
        return filter.queryTooLong();
    }

    public int maxQuery() {
        return DatasetSearch.MAX_QUERY;
    }

    /** Whether the registry shown is not the whole registry: a search or a filter applies. */
    public boolean narrowed() {
        return filter.searching() || filter.owner() != null || filter.subject() != null;
    }

    /**
     * One dataset of the registry.
     *
     * @param frequency how often it is refreshed, in Russian («ежеквартально»), or {@code null} if not yet recorded
     * @param dataHref  link to the CSV file of the newest data version, or {@code null} if it is not there
     */
    public record Row(String identifier, String title, String creator, String frequency, Moment modified,
                      String passportHref, String metaHref, String dataHref, String dataName) {
    }

    /**
     * @param lastUpdate when the newest data version across all datasets was published, or {@code null}
     */
    public record Statistics(int datasets, long dataVersions, Moment lastUpdate) {
    }
}
