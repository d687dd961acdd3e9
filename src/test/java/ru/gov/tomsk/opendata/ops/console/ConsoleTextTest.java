package ru.gov.tomsk.opendata.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatus;

/** The console's dates are the region's local time, and its Russian counts agree with their numbers. */
class ConsoleTextTest {

    final ConsoleText text = new ConsoleText(ZoneId.of("Asia/Tomsk"));

    @Test
    void datesAreInTheConfiguredZone() {
        // 20:30 UTC is already the next day in Tomsk (UTC+7)
        assertThat(text.dateTime(Instant.parse("2026-03-24T20:30:00Z"))).isEqualTo("25.03.2026 03:30");
        assertThat(text.iso(Instant.parse("2026-03-24T20:30:00Z"))).isEqualTo("2026-03-25T03:30+07:00");
        assertThat(text.date(LocalDate.of(2026, 6, 25))).isEqualTo("25.06.2026");
        assertThat(text.dateTime(null)).isEqualTo("—");
    }

    /** A failed first run has no earlier version to keep: the console must not promise one. */
    @Test
    void aFailureSaysWhetherAnEarlierVersionStaysPublished() {
        assertThat(text.reason(failing(null))).isEqualTo(
                "Последний запуск завершился ошибкой; набор ещё ни разу не был опубликован.");
        assertThat(text.reason(failing("20260320T0900"))).isEqualTo(
                "Последний запуск завершился ошибкой; опубликованная ранее версия остаётся доступной.");
    }

    private static FeedStatus failing(String newestVersion) {
        return new FeedStatus("7017069388-schools", "Школы", "quarterly", FeedCondition.FAILING, "run 1 failed", null,
                null, newestVersion, null, null, null, null, false, false, 0, 0, 0);
    }

    @Test
    void daysAgreeWithTheirNumber() {
        assertThat(text.days(1L)).isEqualTo("осталось 1 день");
        assertThat(text.days(3L)).isEqualTo("осталось 3 дня");
        assertThat(text.days(5L)).isEqualTo("осталось 5 дней");
        assertThat(text.days(11L)).isEqualTo("осталось 11 дней");
        assertThat(text.days(21L)).isEqualTo("осталось 21 день");
        assertThat(text.days(-2L)).isEqualTo("просрочено на 2 дня");
        assertThat(text.days(0L)).isEqualTo("осталось 0 дней");
    }

    @Test
    void durationsReadLikeAClock() {
        Instant start = Instant.parse("2026-03-20T02:00:00Z");
        assertThat(text.duration(start, start.plusSeconds(5))).isEqualTo("5 с");
        assertThat(text.duration(start, start.plusSeconds(65))).isEqualTo("1 мин 05 с");
        assertThat(text.duration(start, start.plusSeconds(3 * 3600 + 120))).isEqualTo("3 ч 02 мин");
        assertThat(text.duration(start, null)).isEqualTo("—");
    }

    @Test
    void chartScaleEndsOnARoundNumber() {
        assertThat(RowsChart.niceCeiling(0)).isEqualTo(1);
        assertThat(RowsChart.niceCeiling(4)).isEqualTo(5);
        assertThat(RowsChart.niceCeiling(11)).isEqualTo(20);
        assertThat(RowsChart.niceCeiling(100)).isEqualTo(100);
        assertThat(RowsChart.niceCeiling(101)).isEqualTo(200);
        assertThat(RowsChart.niceCeiling(12_345)).isEqualTo(20_000);
    }
}
