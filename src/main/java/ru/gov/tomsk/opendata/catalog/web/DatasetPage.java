package ru.gov.tomsk.opendata.catalog.web;

import java.util.List;

import ru.gov.tomsk.opendata.dataset.Passport;

/**
 * The passport page of one dataset ({@code /opendata/<identifier>/}): the rows of {@code meta.csv} in the
 * standard's order (§5), the versions with every file that exists, and a preview of the newest data.
 * Links are relative to the page.
 *
 * @param resource       absolute public URL of the dataset's folder: the subject of the page's RDFa
 * @param phoneHref      {@code tel:} link of the publisher's phone, or {@code null} if it has no digits
 * @param dataRows       rows 15… of the passport: one per data version, newest first, linking its CSV file
 * @param structureRows  the rows after them: one per structure version, newest first
 * @param passportFiles  the passport files that exist ({@code meta.csv}, {@code meta.json}, {@code meta.xml})
 * @param versions       data versions, newest first
 * @param structures     structure versions, newest first
 * @param preview        the first records of the newest CSV data file, or {@code null} if it cannot be read
 * @param columns        the preview's columns: each header with its Russian description from the structure file
 * @param map            the points of the newest GeoJSON file, or {@code null} if the dataset has none
 */
public record DatasetPage(Passport passport, String resource, String standardVersion, Moment created, Moment modified,
                          String format, String provenance, Moment valid, String phoneHref,
                          List<PassportRow> dataRows, List<PassportRow> structureRows, List<FileLink> passportFiles,
                          List<Version> versions, List<Structure> structures, CsvPreview preview,
                          List<Column> columns, PassportMap map) {

    public DatasetPage {
        columns = List.copyOf(columns);
        dataRows = List.copyOf(dataRows);
        structureRows = List.copyOf(structureRows);
        passportFiles = List.copyOf(passportFiles);
        versions = List.copyOf(versions);
        structures = List.copyOf(structures);
    }

    /**
     * A column of the preview.
     *
     * @param name         the field's name, as in the CSV header
     * @param description  its Russian description from the structure file; the name itself when there is none
     */
    public record Column(String name, String description) {

        /** Whether the description says more than the name. */
        public boolean described() {
            return !description.equals(name);
        }
    }

    /** A passport row that names a file: {@code property} as in {@code meta.csv}, {@code url} as published there. */
    public record PassportRow(String property, String url, String href) {
    }

    /**
     * A data version.
     *
     * @param records  how many records it has, in words ("4 записи")
     * @param files    its files in every format that exists, csv first
     */
    public record Version(String name, Moment published, Moment valid, String provenance, String records,
                          String structureVersion, List<FileLink> files) {

        public Version {
            files = List.copyOf(files);
        }
    }

    /** A structure version with its files (csv, xsd, json) that exist. */
    public record Structure(String name, Moment published, List<FileLink> files) {

        public Structure {
            files = List.copyOf(files);
        }
    }
}
