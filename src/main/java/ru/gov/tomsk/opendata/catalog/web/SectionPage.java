package ru.gov.tomsk.opendata.catalog.web;

import java.util.List;

/**
 * The section page ({@code /opendata/}). Links are relative to it, so the page works behind any host
 * or proxy prefix.
 *
 * @param query         the search as typed, or {@code null} without a search
 * @param rows          the registry, filtered by the search if there is one
 * @param statistics    of the whole section, whatever the search
 * @param registryFiles the registry files that exist ({@code list.csv}, {@code list.json}, {@code list.xml})
 */
public record SectionPage(String query, List<Row> rows, Statistics statistics, List<FileLink> registryFiles) {

    public SectionPage {
        rows = List.copyOf(rows);
        registryFiles = List.copyOf(registryFiles);
    }

    public boolean searching() {
        return query != null;
    }

    /**
     * One dataset of the registry.
     *
     * @param dataHref link to the CSV file of the newest data version, or {@code null} if it is not there
     */
    public record Row(String identifier, String title, String creator, Moment modified, String passportHref,
                      String metaHref, String dataHref, String dataName) {
    }

    /**
     * @param lastUpdate when the newest data version across all datasets was published, or {@code null}
     */
    public record Statistics(int datasets, long dataVersions, Moment lastUpdate) {
    }
}
