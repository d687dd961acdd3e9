package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;
import java.time.LocalDate;

import ru.gov.tomsk.opendata.dataset.Passport;

/** What the state database knows of a dataset besides its versions. */
public record DatasetState(Passport passport, LocalDate validUntil, Instant lastCheckedAt) {
}
