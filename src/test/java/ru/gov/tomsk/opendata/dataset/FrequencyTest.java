package ru.gov.tomsk.opendata.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule of the class Javadoc: a check made during a period satisfies that period, so the data stays valid
 * until the deadline of the next period (the 25th of the last month of a quarter, the 25th of a month,
 * 25 December, the Sunday of an ISO week, the next day).
 */
class FrequencyTest {

    @ParameterizedTest(name = "{0}: checked {1} → valid until {2}")
    @CsvSource({
            "QUARTERLY, 2026-01-01, 2026-06-25",
            "QUARTERLY, 2026-02-15, 2026-06-25",
            "QUARTERLY, 2026-03-24, 2026-06-25",
            "QUARTERLY, 2026-03-25, 2026-06-25",
            // after the Q1 deadline but still in Q1: the check still counts for Q1, the next deadline is Q2's
            "QUARTERLY, 2026-03-26, 2026-06-25",
            "QUARTERLY, 2026-03-31, 2026-06-25",
            "QUARTERLY, 2026-04-01, 2026-09-25",
            "QUARTERLY, 2026-06-30, 2026-09-25",
            "QUARTERLY, 2026-07-01, 2026-12-25",
            "QUARTERLY, 2026-09-30, 2026-12-25",
            "QUARTERLY, 2026-10-01, 2027-03-25",
            "QUARTERLY, 2026-12-25, 2027-03-25",
            "QUARTERLY, 2026-12-31, 2027-03-25",
            "MONTHLY, 2026-01-01, 2026-02-25",
            // plusMonths clamps 31 January to 28 February; the deadline day must still be the 25th
            "MONTHLY, 2026-01-31, 2026-02-25",
            "MONTHLY, 2026-02-28, 2026-03-25",
            "MONTHLY, 2028-02-29, 2028-03-25",
            "MONTHLY, 2026-03-24, 2026-04-25",
            "MONTHLY, 2026-03-25, 2026-04-25",
            "MONTHLY, 2026-03-26, 2026-04-25",
            "MONTHLY, 2026-04-30, 2026-05-25",
            "MONTHLY, 2026-11-30, 2026-12-25",
            "MONTHLY, 2026-12-01, 2027-01-25",
            "MONTHLY, 2026-12-31, 2027-01-25",
            "YEARLY, 2026-01-01, 2027-12-25",
            "YEARLY, 2026-12-24, 2027-12-25",
            "YEARLY, 2026-12-25, 2027-12-25",
            "YEARLY, 2026-12-26, 2027-12-25",
            "YEARLY, 2026-12-31, 2027-12-25",
            "YEARLY, 2028-02-29, 2029-12-25",
            // ISO weeks run Monday to Sunday; 2026-03-01 is a Sunday
            "WEEKLY, 2026-02-23, 2026-03-08",
            "WEEKLY, 2026-02-28, 2026-03-08",
            "WEEKLY, 2026-03-01, 2026-03-08",
            "WEEKLY, 2026-03-02, 2026-03-15",
            // across the year end: Thursday 31 December 2026 is in the ISO week ending Sunday 3 January 2027
            "WEEKLY, 2026-12-31, 2027-01-10",
            "WEEKLY, 2027-01-03, 2027-01-10",
            "WEEKLY, 2027-01-04, 2027-01-17",
            "DAILY, 2026-03-01, 2026-03-02",
            "DAILY, 2026-02-28, 2026-03-01",
            "DAILY, 2028-02-28, 2028-02-29",
            "DAILY, 2026-12-31, 2027-01-01"})
    void validUntil(Frequency frequency, LocalDate checkedOn, LocalDate validUntil) {
        assertThat(frequency.validUntil(checkedOn)).isEqualTo(validUntil);
    }

    @Test
    void weeklyDeadlineIsAlwaysTheSundayOfTheNextIsoWeek() {
        LocalDate day = LocalDate.of(2026, 3, 2);
        for (int i = 0; i < 14; i++, day = day.plusDays(1)) {
            LocalDate valid = Frequency.WEEKLY.validUntil(day);
            assertThat(valid.getDayOfWeek()).as("valid after %s", day).isEqualTo(DayOfWeek.SUNDAY);
            LocalDate mondayOfNextWeek = day.with(DayOfWeek.MONDAY).plusWeeks(1);
            assertThat(valid).as("valid after %s", day).isEqualTo(mondayOfNextWeek.plusDays(6));
        }
    }

    @Test
    void wordsAreTheFeedVocabulary() {
        assertThat(Frequency.words()).isEqualTo("daily (ежедневно), weekly (еженедельно), monthly (ежемесячно), quarterly (ежеквартально), yearly (ежегодно)");
        assertThat(Frequency.fromWord("quarterly")).contains(Frequency.QUARTERLY);
        assertThat(Frequency.fromWord("Quarterly")).isEmpty();
        assertThat(Frequency.QUARTERLY.word()).isEqualTo("quarterly");
    }

    @Test
    void theRussianWordsAreAcceptedBesideTheEnglishOnes() {
        assertThat(Frequency.fromWord("ежедневно")).contains(Frequency.DAILY);
        assertThat(Frequency.fromWord("еженедельно")).contains(Frequency.WEEKLY);
        assertThat(Frequency.fromWord("ежемесячно")).contains(Frequency.MONTHLY);
        assertThat(Frequency.fromWord("ежеквартально")).contains(Frequency.QUARTERLY);
        assertThat(Frequency.fromWord("ежегодно")).contains(Frequency.YEARLY);
        assertThat(Frequency.fromWord("раз в квартал")).isEmpty();
        assertThat(Frequency.QUARTERLY.russianWord()).isEqualTo("ежеквартально");
    }
}
