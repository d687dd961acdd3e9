package ru.gov.tomsk.opendata.catalog;

import java.util.List;

import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.dataset.Passport;
import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * A rendered version offered to the catalogue: the feed's description, the content fingerprint and
 * what the run found. The files themselves travel in a {@link StagedVersion}.
 *
 * @param added   rows added against the previous version, {@code null} when not compared
 */
public record NewVersion(Passport passport, Frequency frequency, Structure structure, String fingerprint, long rowCount,
                         List<String> formats, String provenance, Long added, Long changed, Long removed) {

    public NewVersion {
        formats = List.copyOf(formats);
    }

    public String identifier() {
        return passport.identifier();
    }
}
