package ru.gov.tomsk.opendata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class VersionStampsTest {

    private static final ZoneId TOMSK = ZoneId.of("Asia/Tomsk");

    @Test
    void firstVersionIsTheCurrentMinuteInTomsk() {
        // 03:00:59.999 UTC is 10:00 in Tomsk (UTC+7); seconds never round up
        assertThat(VersionStamps.next(Instant.parse("2026-03-01T03:00:59.999Z"), TOMSK, null)).isEqualTo("20260301T1000");
    }

    @Test
    void tomskDateIsUsedWhenItDiffersFromTheUtcDate() {
        assertThat(VersionStamps.next(Instant.parse("2026-02-28T17:00:00Z"), TOMSK, null)).isEqualTo("20260301T0000");
    }

    @Test
    void laterMinuteThanTheLatestIsUsedAsIs() {
        assertThat(VersionStamps.next(Instant.parse("2026-03-01T03:05:00Z"), TOMSK, "20260301T1000")).isEqualTo("20260301T1005");
    }

    @Test
    void secondVersionWithinTheSameMinuteTakesTheNextMinute() {
        assertThat(VersionStamps.next(Instant.parse("2026-03-01T03:00:40Z"), TOMSK, "20260301T1000")).isEqualTo("20260301T1001");
    }

    @Test
    void latestAheadOfTheClockIsStillExceeded() {
        // after a clock step back (or versions bumped ahead by collisions) names must keep growing
        assertThat(VersionStamps.next(Instant.parse("2026-03-01T03:00:00Z"), TOMSK, "20260301T1007")).isEqualTo("20260301T1008");
    }

    @Test
    void collisionAtTheLastMinuteOfADayMovesToTheNextDay() {
        assertThat(VersionStamps.next(Instant.parse("2026-03-01T16:59:30Z"), TOMSK, "20260301T2359")).isEqualTo("20260302T0000");
    }

    @Test
    void collisionAtTheLastMinuteOfAYearMovesToTheNextYear() {
        assertThat(VersionStamps.next(Instant.parse("2026-12-31T16:59:00Z"), TOMSK, "20261231T2359")).isEqualTo("20270101T0000");
    }

    @Test
    void consecutiveStampsSortInPublicationOrder() {
        Instant now = Instant.parse("2026-03-01T03:00:00Z");
        String first = VersionStamps.next(now, TOMSK, null);
        String second = VersionStamps.next(now, TOMSK, first);
        String third = VersionStamps.next(now, TOMSK, second);

        assertThat(new String[] {first, second, third}).containsExactly("20260301T1000", "20260301T1001", "20260301T1002")
                .isSorted();
    }

    @Test
    void dateOfAStampIsItsLocalDate() {
        assertThat(VersionStamps.dateOf("20260302T0000")).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(VersionStamps.dateOf("20261231T2359")).isEqualTo(LocalDate.of(2026, 12, 31));
    }
}
