package ru.gov.tomsk.opendata.catalog;

import java.time.LocalDate;

/**
 * What a commit did.
 *
 * @param created     true if a new data version was published, false if the content was unchanged
 * @param dataVersion the newest data version after the commit
 * @param valid       the dataset's {@code valid} date after the commit
 */
public record CommitResult(boolean created, String dataVersion, boolean newStructure, LocalDate valid) {
}
