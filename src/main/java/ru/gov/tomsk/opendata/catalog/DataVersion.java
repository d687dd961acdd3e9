package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;

/** A published data version of a dataset. Immutable once committed. */
public record DataVersion(String identifier, String version, String structureVersion, String fingerprint,
                          long rowCount, String provenance, Instant createdAt) {

    public String fileStem() {
        return "data-" + version + "-structure-" + structureVersion;
    }
}
