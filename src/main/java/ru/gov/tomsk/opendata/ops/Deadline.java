package ru.gov.tomsk.opendata.ops;

import java.time.LocalDate;

/**
 * A feed's next deadline as of one day.
 *
 * @param date           the last day on which an update is still in time
 * @param daysLeft       days from today to {@code date}: 0 on the deadline day, negative once it has passed
 * @param atRisk         today is within the warning window before the deadline and it is not passed yet
 * @param overdue        today is after the deadline
 */
public record Deadline(LocalDate date, long daysLeft, boolean atRisk, boolean overdue) {
}
