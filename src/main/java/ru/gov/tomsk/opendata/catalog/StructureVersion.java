package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;

/** A published structure version: the columns shared by one or more data versions. */
public record StructureVersion(String identifier, String version, String fingerprint, Instant createdAt) {

    public String fileStem() {
        return "structure-" + version;
    }
}
