package ru.gov.tomsk.opendata.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import ru.gov.tomsk.opendata.dataset.Frequency;

/**
 * Deadlines of feeds, with the passport's {@code valid} as the one source of truth.
 *
 * <p>After a successful check (a run that published or confirmed the data) the catalogue writes
 * {@code valid = frequency.validUntil(check date in the zone)} into the passport
 * ({@link Frequency#validUntil}: quarterly → the 25th of the last month of the next quarter, monthly →
 * the 25th of the next month, yearly → 25 December of the next year, weekly → Sunday of the next ISO
 * week, daily → the next day). That date <em>is</em> the deadline of the next update.
 *
 * <p>A feed that has never published has no passport yet; its deadline is the one of the <em>current</em>
 * period (quarterly: the 25th of this quarter's last month; monthly: the 25th of this month; yearly:
 * 25 December of this year; weekly: this Sunday; daily: today), because the regional rule asks for
 * every dataset in every period. A feed added after its period's deadline is therefore overdue until its
 * first successful run.
 *
 * <p>The deadline day itself is still in time; overdue starts the next day. At-risk starts
 * {@code warnDays} before the deadline, but never more than one period less a day: a weekly feed's next
 * deadline is always within 14 days, and it must not look at risk right after an update made in time
 * (daily: at risk on the deadline day only; weekly: at most 6 days before). "Today" is the date in the
 * configured zone, not UTC: at 2026-03-25T18:00Z it is already 26 March in Tomsk.
 */
public final class Deadlines {

    private final ZoneId zone;
    private final int warnDays;

    public Deadlines(ZoneId zone, int warnDays) {
        this.zone = zone;
        this.warnDays = warnDays;
    }

    /** The deadline date after a successful check at {@code checkedAt}: the same date the passport gets as {@code valid}. */
    public LocalDate afterCheck(Frequency frequency, Instant checkedAt) {
        return frequency.validUntil(LocalDate.ofInstant(checkedAt, zone));
    }

    /** The deadline of the period {@code today} falls in: what a feed that never published must meet. */
    public static LocalDate ofCurrentPeriod(Frequency frequency, LocalDate today) {
        // validUntil gives the deadline of the period after the check's one, so ask it for the period before today's
        LocalDate inPreviousPeriod = switch (frequency) {
            case DAILY -> today.minusDays(1);
            case WEEKLY -> today.minusWeeks(1);
            case MONTHLY -> today.minusMonths(1);
            case QUARTERLY -> today.minusMonths(3);
            case YEARLY -> today.minusYears(1);
        };
        return frequency.validUntil(inPreviousPeriod);
    }

    /**
     * Where a feed stands against its deadline now.
     *
     * @param passportValid the published passport's {@code valid}, or null when the dataset never published
     */
    public Deadline evaluate(Frequency frequency, LocalDate passportValid, Clock clock) {
        LocalDate today = today(clock);
        LocalDate date = passportValid != null ? passportValid : ofCurrentPeriod(frequency, today);
        return evaluate(frequency, date, today);
    }

    /** Where a deadline of a feed of this frequency stands on {@code today}. */
    public Deadline evaluate(Frequency frequency, LocalDate date, LocalDate today) {
        long daysLeft = ChronoUnit.DAYS.between(today, date);
        boolean overdue = today.isAfter(date);
        boolean atRisk = !overdue && !today.isBefore(date.minusDays(warnDays(frequency)));
        return new Deadline(date, daysLeft, atRisk, overdue);
    }

    /** The warning window of a frequency: {@code warnDays}, capped at one period less a day. */
    public int warnDays(Frequency frequency) {
        int cap = switch (frequency) {
            case DAILY -> 0;
            case WEEKLY -> 6;
            case MONTHLY -> 27;
            case QUARTERLY -> 89;
            case YEARLY -> 364;
        };
        return Math.min(warnDays, cap);
    }

    public LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public ZoneId zone() {
        return zone;
    }

    public int warnDays() {
        return warnDays;
    }
}
