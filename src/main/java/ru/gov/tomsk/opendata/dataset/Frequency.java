package ru.gov.tomsk.opendata.dataset;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How often a dataset must be refreshed, and therefore until when a successful check keeps it current.
 *
 * <p>The region's rule (seed plan): every dataset is refreshed in every quarter, no later than the
 * 25th of the quarter's last month. A check made during a period satisfies that period, so the data
 * stays valid until the deadline of the <em>next</em> period. The other frequencies follow the same
 * pattern: monthly → the 25th of the next month, yearly → 25 December of the next year,
 * weekly → the Sunday of the next ISO week, daily → the next day.
 */
public enum Frequency {
    DAILY("ежедневно"), WEEKLY("еженедельно"), MONTHLY("ежемесячно"), QUARTERLY("ежеквартально"), YEARLY("ежегодно");

    static final int DEADLINE_DAY = 25;

    private final String russian;

    Frequency(String russian) {
        this.russian = russian;
    }

    /** The {@code valid} date after a successful check on {@code checkedOn} (a date in the region's zone). */
    public LocalDate validUntil(LocalDate checkedOn) {
        return switch (this) {
            case DAILY -> checkedOn.plusDays(1);
            case WEEKLY -> checkedOn.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)).plusWeeks(1);
            case MONTHLY -> checkedOn.plusMonths(1).withDayOfMonth(DEADLINE_DAY);
            case QUARTERLY -> {
                int lastMonthOfQuarter = ((checkedOn.getMonthValue() - 1) / 3) * 3 + 3;
                yield checkedOn.withDayOfMonth(1).withMonth(lastMonthOfQuarter).plusMonths(3).withDayOfMonth(DEADLINE_DAY);
            }
            case YEARLY -> LocalDate.of(checkedOn.getYear() + 1, 12, DEADLINE_DAY);
        };
    }

    /** The word the published passport carries. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The word a department uses, as the console shows it: «ежеквартально». */
    public String russianWord() {
        return russian;
    }

    /**
     * The frequency a feed file names, by its English word or its Russian one: departments write what the console
     * shows them («Периодичность: ежеквартально»).
     */
    public static Optional<Frequency> fromWord(String word) {
        return Arrays.stream(values()).filter(f -> f.word().equals(word) || f.russian.equals(word)).findFirst();
    }

    public static String words() {
        return Arrays.stream(values()).map(f -> f.word() + " (" + f.russian + ")").collect(Collectors.joining(", "));
    }
}
