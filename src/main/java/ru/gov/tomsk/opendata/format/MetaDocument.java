package ru.gov.tomsk.opendata.format;

import java.time.LocalDate;
import java.util.List;

import ru.gov.tomsk.opendata.dataset.Passport;

/**
 * Everything a passport ({@code meta.*}) states: the department's description plus the facts of
 * the published versions.
 *
 * @param data       data files, newest first
 * @param structures structure files, newest first
 */
public record MetaDocument(String standardVersion, Passport passport, String format, LocalDate created,
                           LocalDate modified, String provenance, LocalDate valid, List<Link> data,
                           List<Link> structures) {

    public MetaDocument {
        data = List.copyOf(data);
        structures = List.copyOf(structures);
    }

    /** A published file: its property name (file name without extension) and absolute URL. */
    public record Link(String name, String url) {
    }
}
