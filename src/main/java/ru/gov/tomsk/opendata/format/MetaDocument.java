package ru.gov.tomsk.opendata.format;

import java.time.LocalDate;
import java.util.List;

import ru.gov.tomsk.opendata.dataset.Passport;

/**
 * Everything a passport ({@code meta.*}) states: the department's description plus the facts of
 * the published versions.
 *
 * @param data       data versions, newest first
 * @param structures structure versions, newest first
 */
public record MetaDocument(String standardVersion, Passport passport, String format, LocalDate created,
                           LocalDate modified, String provenance, LocalDate valid, List<DataEntry> data,
                           List<StructureEntry> structures) {

    public MetaDocument {
        data = List.copyOf(data);
        structures = List.copyOf(structures);
    }

    /**
     * A data version.
     *
     * @param name             property name in {@code meta.csv}: the file name without extension
     * @param url              absolute URL of its CSV file (the passport's primary format)
     * @param created          date of the version
     * @param provenance       what changed in it
     * @param valid            until when it was (or, for the newest, is) current
     * @param structureVersion the structure version it follows
     */
    public record DataEntry(String name, String url, LocalDate created, String provenance, LocalDate valid,
                            String structureVersion) {
    }

    /** A structure version; {@code url} is its CSV file. */
    public record StructureEntry(String name, String url, LocalDate created) {
    }
}
