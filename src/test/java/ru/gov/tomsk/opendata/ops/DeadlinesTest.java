package ru.gov.tomsk.opendata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.support.MutableClock;

/** Deadlines of every frequency around the boundaries, in the region's zone. */
class DeadlinesTest {

    static final ZoneId TOMSK = ZoneId.of("Asia/Tomsk");
    final Deadlines tomsk = new Deadlines(TOMSK, 14);

    /** The next deadline after a successful check at noon (Tomsk) of a day: the passport's {@code valid}. */
    @ParameterizedTest(name = "{0} checked on {1} → due by {2}")
    @CsvSource({
            "QUARTERLY, 2026-03-24, 2026-06-25",
            "QUARTERLY, 2026-03-25, 2026-06-25",
            "QUARTERLY, 2026-03-26, 2026-06-25",
            "QUARTERLY, 2026-04-01, 2026-09-25",
            "QUARTERLY, 2026-12-31, 2027-03-25",
            "QUARTERLY, 2027-01-01, 2027-06-25",
            "MONTHLY,   2026-03-24, 2026-04-25",
            "MONTHLY,   2026-03-25, 2026-04-25",
            "MONTHLY,   2026-03-26, 2026-04-25",
            "MONTHLY,   2026-12-31, 2027-01-25",
            "MONTHLY,   2027-01-01, 2027-02-25",
            "YEARLY,    2026-03-25, 2027-12-25",
            "YEARLY,    2026-12-31, 2027-12-25",
            "YEARLY,    2027-01-01, 2028-12-25",
            "WEEKLY,    2026-03-24, 2026-04-05",
            "WEEKLY,    2026-03-29, 2026-04-05",
            "WEEKLY,    2026-12-31, 2027-01-10",
            "DAILY,     2026-03-24, 2026-03-25",
            "DAILY,     2026-03-25, 2026-03-26",
            "DAILY,     2026-12-31, 2027-01-01",
    })
    void deadlineAfterACheckIsTheDateThePassportGetsAsValid(Frequency frequency, LocalDate checkedOn, LocalDate due) {
        Instant noonInTomsk = checkedOn.atTime(12, 0).atZone(TOMSK).toInstant();
        assertThat(tomsk.afterCheck(frequency, noonInTomsk)).isEqualTo(due)
                // one source of truth: the catalogue writes Frequency.validUntil into the passport
                .isEqualTo(frequency.validUntil(checkedOn));
    }

    /** A feed that never published must meet its current period's deadline. */
    @ParameterizedTest(name = "{0} never published, today {1} → due by {2}, {3} days, at risk {4}, overdue {5}")
    @CsvSource({
            "QUARTERLY, 2026-03-24, 2026-03-25,  1, true,  false",
            "QUARTERLY, 2026-03-25, 2026-03-25,  0, true,  false",
            "QUARTERLY, 2026-03-26, 2026-03-25, -1, false, true",
            "QUARTERLY, 2026-03-10, 2026-03-25, 15, false, false",
            "QUARTERLY, 2026-03-11, 2026-03-25, 14, true,  false",
            "QUARTERLY, 2026-12-31, 2026-12-25, -6, false, true",
            "QUARTERLY, 2027-01-01, 2027-03-25, 83, false, false",
            "MONTHLY,   2026-03-24, 2026-03-25,  1, true,  false",
            "MONTHLY,   2026-03-25, 2026-03-25,  0, true,  false",
            "MONTHLY,   2026-03-26, 2026-03-25, -1, false, true",
            "MONTHLY,   2027-01-01, 2027-01-25, 24, false, false",
            "YEARLY,    2026-03-25, 2026-12-25, 275, false, false",
            "YEARLY,    2026-12-25, 2026-12-25,  0, true,  false",
            "YEARLY,    2026-12-31, 2026-12-25, -6, false, true",
            "YEARLY,    2027-01-01, 2027-12-25, 358, false, false",
            "WEEKLY,    2026-03-24, 2026-03-29,  5, true,  false",
            "WEEKLY,    2026-03-29, 2026-03-29,  0, true,  false",
            "WEEKLY,    2026-03-23, 2026-03-29,  6, true,  false",
            "WEEKLY,    2026-12-31, 2027-01-03,  3, true,  false",
            "DAILY,     2026-03-25, 2026-03-25,  0, true,  false",
            "DAILY,     2027-01-01, 2027-01-01,  0, true,  false",
    })
    void neverPublishedFeedsMeetTheCurrentPeriodsDeadline(Frequency frequency, LocalDate today, LocalDate due, long daysLeft,
                                                          boolean atRisk, boolean overdue) {
        MutableClock clock = new MutableClock(today.atTime(12, 0).atZone(TOMSK).toInstant());
        assertThat(tomsk.evaluate(frequency, null, clock)).isEqualTo(new Deadline(due, daysLeft, atRisk, overdue));
    }

    @Test
    void theDeadlineDayIsStillInTimeAndOverdueStartsAtMidnightInTomskNotUtc() {
        LocalDate due = LocalDate.parse("2026-03-25");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-25T16:59:59Z")); // 23:59:59 on the 25th in Tomsk
        assertThat(tomsk.evaluate(Frequency.QUARTERLY, due, clock)).isEqualTo(new Deadline(due, 0, true, false));

        clock.set("2026-03-25T17:00:00Z"); // midnight: the 26th in Tomsk, still the 25th in UTC
        assertThat(tomsk.evaluate(Frequency.QUARTERLY, due, clock)).isEqualTo(new Deadline(due, -1, false, true));

        clock.set("2026-03-25T18:00:00Z");
        assertThat(tomsk.evaluate(Frequency.QUARTERLY, due, clock).overdue()).isTrue();
        assertThat(new Deadlines(ZoneOffset.UTC, 14).evaluate(Frequency.QUARTERLY, due, clock))
                .isEqualTo(new Deadline(due, 0, true, false));
    }

    @Test
    void aCheckLateInTheEveningUtcCountsForTheNextDayInTomsk() {
        // 31 March 18:00 UTC is already 1 April in Tomsk: the check falls into the second quarter
        Instant checkedAt = Instant.parse("2026-03-31T18:00:00Z");
        assertThat(tomsk.afterCheck(Frequency.QUARTERLY, checkedAt)).isEqualTo("2026-09-25");
        assertThat(new Deadlines(ZoneOffset.UTC, 14).afterCheck(Frequency.QUARTERLY, checkedAt)).isEqualTo("2026-06-25");
    }

    @Test
    void atRiskStartsWarnDaysBeforeTheDeadline() {
        LocalDate due = LocalDate.parse("2026-06-25");
        assertThat(tomsk.evaluate(Frequency.QUARTERLY, due, LocalDate.parse("2026-06-10")).atRisk()).isFalse();
        assertThat(tomsk.evaluate(Frequency.QUARTERLY, due, LocalDate.parse("2026-06-11")))
                .isEqualTo(new Deadline(due, 14, true, false));
        assertThat(new Deadlines(TOMSK, 3).evaluate(Frequency.QUARTERLY, due, LocalDate.parse("2026-06-21")).atRisk()).isFalse();
        assertThat(new Deadlines(TOMSK, 3).evaluate(Frequency.QUARTERLY, due, LocalDate.parse("2026-06-22")).atRisk()).isTrue();
    }

    @Test
    void aWeeklyOrDailyFeedUpdatedOnTimeIsNotAtRiskRightAfterItsUpdate() {
        // checked on Monday 23 March: due Sunday 5 April, 13 days away — inside 14 warn days, but the window is capped
        LocalDate weeklyDue = tomsk.afterCheck(Frequency.WEEKLY, Instant.parse("2026-03-23T05:00:00Z"));
        assertThat(weeklyDue).isEqualTo("2026-04-05");
        assertThat(tomsk.evaluate(Frequency.WEEKLY, weeklyDue, LocalDate.parse("2026-03-23")).atRisk()).isFalse();
        assertThat(tomsk.evaluate(Frequency.WEEKLY, weeklyDue, LocalDate.parse("2026-03-30")).atRisk()).isTrue();
        LocalDate dailyDue = tomsk.afterCheck(Frequency.DAILY, Instant.parse("2026-03-23T05:00:00Z"));
        assertThat(tomsk.evaluate(Frequency.DAILY, dailyDue, LocalDate.parse("2026-03-23")))
                .isEqualTo(new Deadline(LocalDate.parse("2026-03-24"), 1, false, false));
    }

    @Test
    void aPushFeedsExpectedPushIsMissedOnceItsScheduleFiredAndTheGraceHasPassedInTheRegionsZone() {
        Deadlines push = new Deadlines(TOMSK, 14, java.time.Duration.ofMinutes(30));
        // pushed at 10:00 in Tomsk on 20 March; expected every weekday at 06:00 in Tomsk (23:00 UTC the day before)
        Instant lastPush = Instant.parse("2026-03-20T03:00:00Z");
        String weekdays = "0 0 6 ? * MON-FRI";
        java.util.function.Function<String, java.util.Optional<Instant>> at = now ->
                push.missedPush(weekdays, lastPush, java.time.Clock.fixed(Instant.parse(now), TOMSK));

        // Saturday and Sunday expect nothing: Monday 23 March 06:00 Tomsk is the next expected push
        assertThat(push.nextPush(weekdays, lastPush)).isEqualTo("2026-03-22T23:00:00Z");
        assertThat(at.apply("2026-03-22T12:00:00Z")).isEmpty();
        assertThat(at.apply("2026-03-22T23:30:00Z")).as("the grace's last moment").isEmpty();
        assertThat(at.apply("2026-03-22T23:30:01Z")).hasValue(Instant.parse("2026-03-22T23:00:00Z"));
        // never pushed: only the frequency deadline judges it
        assertThat(push.missedPush(weekdays, null, java.time.Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), TOMSK)))
                .isEmpty();
    }
}
