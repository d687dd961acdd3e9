package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A published data version of a dataset. Immutable once committed. */
public record DataVersion(String identifier, String version, String structureVersion, String fingerprint,
                          long rowCount, String provenance, Instant createdAt, List<String> formats,
                          Long rowsAdded, Long rowsChanged, Long rowsRemoved) {

    public DataVersion {
        formats = List.copyOf(formats);
    }

    /** The date passports state for this version ({@code modified}): its stamp's date in the region's zone. */
    public LocalDate date() {
        return VersionStamps.dateOf(version);
    }

    public String fileStem() {
        return "data-" + version + "-structure-" + structureVersion;
    }
}
