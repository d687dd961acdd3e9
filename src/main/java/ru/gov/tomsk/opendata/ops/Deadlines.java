package ru.gov.tomsk.opendata.ops;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.CronExpression;

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
 *
 * <p>A feed of source kind {@code push} is not read on a schedule: its information system sends the data. Its
 * {@code schedule} says when a push is expected, and {@link #missedPush} watches it: once the first expected time
 * after the last successful push is {@code pushLateAfter} past, the feed is at risk, whatever the frequency deadline
 * says; when that deadline passes too, it is overdue as any feed.
 */
public final class Deadlines {

    private final ZoneId zone;
    private final int warnDays;
    private final Duration pushLateAfter;

    public Deadlines(ZoneId zone, int warnDays) {
        this(zone, warnDays, Duration.ofHours(1));
    }

    public Deadlines(ZoneId zone, int warnDays, Duration pushLateAfter) {
        this.zone = zone;
        this.warnDays = warnDays;
        this.pushLateAfter = pushLateAfter;
    }

    /**
     * The push a push feed's schedule expected and that did not come: the first time the cron fires after the last
     * successful push, if that is more than {@code pushLateAfter} ago. Empty before the first push (a feed waiting for
     * its system to be connected is judged by its frequency deadline alone) and while pushes come in time.
     */
    public Optional<Instant> missedPush(String schedule, Instant lastPush, Clock clock) {
        if (schedule == null || lastPush == null) {
            return Optional.empty();
        }
        Date expected = cron(schedule).getNextValidTimeAfter(Date.from(lastPush));
        if (expected == null || !expected.toInstant().plus(pushLateAfter).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(expected.toInstant());
    }

    /** The next time a push feed's schedule expects a push, after {@code after}; null if it never fires again. */
    public Instant nextPush(String schedule, Instant after) {
        Date next = cron(schedule).getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }

    private CronExpression cron(String schedule) {
        try {
            CronExpression cron = new CronExpression(schedule);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return cron;
        } catch (ParseException e) {
            // FeedParser refused such a schedule when the feed loaded
            throw new IllegalArgumentException("schedule '" + schedule + "' is not a Quartz cron expression", e);
        }
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
