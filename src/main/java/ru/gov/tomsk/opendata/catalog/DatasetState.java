package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;
import java.time.LocalDate;

import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.dataset.Passport;

/**
 * What the state database knows of a dataset besides its versions.
 *
 * @param frequency as the feed stated it at the last run; {@code null} for a dataset not run since it was recorded
 */
public record DatasetState(Passport passport, Frequency frequency, LocalDate validUntil, Instant lastCheckedAt) {
}
