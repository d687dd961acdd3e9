package ru.gov.tomsk.opendata.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.TimeZone;

import javax.sql.rowset.serial.SerialClob;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueConverterTest {

    private static final ZoneId TOMSK = ZoneId.of("Asia/Tomsk");

    private final ValueConverter converter = new ValueConverter(TOMSK);

    private static Field field(String name, FieldType type, String parse) {
        return new Field(name, null, "en", "ru", type, false, parse);
    }

    private static Field field(String name, FieldType type) {
        return field(name, type, null);
    }

    private RejectedValueException rejection(Field field, Object raw) {
        RejectedValueException e = catchThrowableOfType(RejectedValueException.class, () -> converter.convert(field, raw));
        assertThat(e).as("%s is rejected for a %s field", raw, field.type().word()).isNotNull();
        return e;
    }

    /**
     * The service's JVM need not run in Asia/Tomsk (most servers run in UTC), so no conversion may depend on the
     * JVM's default zone: each test that could be fooled by it runs under another one.
     */
    private static <T> T inDefaultZone(String zone, java.util.function.Supplier<T> action) {
        TimeZone previous = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            return action.get();
        } finally {
            TimeZone.setDefault(previous);
        }
    }

    @Test
    void nullIsNoValueForEveryType() {
        for (FieldType type : FieldType.values()) {
            assertThat(converter.convert(field("f", type), null)).as(type.word()).isNull();
        }
    }

    @Test
    void blankTextIsNoValueForEveryType() {
        for (FieldType type : FieldType.values()) {
            assertThat(converter.convert(field("f", type), " \t\r\n ")).as(type.word()).isNull();
        }
    }

    @Nested
    class Strings {

        @Test
        void textIsNormalised() {
            assertThat(converter.convert(field("name", FieldType.STRING), "  Школа №1\r\nг. Томск\u0000 "))
                    .isEqualTo("Школа №1\nг. Томск");
        }

        @Test
        void nonTextValuesBecomeTheirText() {
            assertThat(converter.convert(field("name", FieldType.STRING), 42)).isEqualTo("42");
        }

        @Test
        void dateAndTimeValuesBecomeIsoTextWhateverTheJvmZone() {
            Field note = field("note", FieldType.STRING);
            for (String jvmZone : new String[] {"UTC", "America/New_York"}) {
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(note, OffsetDateTime.parse("2024-12-31T20:00:00-05:00"))))
                        .isEqualTo("2025-01-01T08:00:00+07:00");
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(note, LocalDateTime.of(2026, 3, 1, 10, 15))))
                        .isEqualTo("2026-03-01T10:15:00+07:00");
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(note, Timestamp.from(Instant.parse("2026-03-01T03:15:00Z")))))
                        .isEqualTo("2026-03-01T10:15:00+07:00");
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(note, LocalDate.of(2026, 3, 1)))).isEqualTo("2026-03-01");
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(note, LocalTime.of(10, 15)))).isEqualTo("10:15:00");
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(note, java.sql.Time.valueOf("10:15:00")))).isEqualTo("10:15:00");
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(note, OffsetTime.parse("10:15:30.5+05:00"))))
                        .isEqualTo("10:15:30+05:00");
            }
        }

        @Test
        void clobIsReadAndNormalised() throws Exception {
            SerialClob clob = new SerialClob("  Лицей\r\n№ 7  ".toCharArray());

            assertThat(converter.convert(field("name", FieldType.STRING), clob)).isEqualTo("Лицей\n№ 7");
        }
    }

    @Nested
    class Integers {

        private final Field students = field("students", FieldType.INTEGER);

        @Test
        void jdbcIntegersKeepTheirValue() {
            assertThat(converter.convert(students, 1234)).isEqualTo("1234");
            assertThat(converter.convert(students, 9_000_000_000L)).isEqualTo("9000000000");
            assertThat(converter.convert(students, (short) -7)).isEqualTo("-7");
            // 24 digits, the most XML validators take (ValueLimitsTest)
            assertThat(converter.convert(students, new BigInteger("123456789012345678901234")))
                    .isEqualTo("123456789012345678901234");
        }

        @Test
        void wholeDecimalsLoseTheirFraction() {
            // NUMERIC(10,2) columns often hold counts
            assertThat(converter.convert(students, new BigDecimal("1234.00"))).isEqualTo("1234");
            assertThat(converter.convert(students, new BigDecimal("0.00"))).isEqualTo("0");
            assertThat(converter.convert(students, 3.0d)).isEqualTo("3");
        }

        @Test
        void fractionsAreRejected() {
            RejectedValueException e = rejection(students, new BigDecimal("12.50"));

            assertThat(e.field()).isEqualTo("students");
            assertThat(e.reason()).isEqualTo("not an integer");
            assertThat(e.value()).isEqualTo("12.50");
            assertThat(rejection(students, 2.5d).reason()).isEqualTo("not an integer");
        }

        @Test
        void nanIsRejected() {
            assertThat(rejection(students, Double.NaN).reason()).isEqualTo("not a finite number");
        }

        @Test
        void textIsParsed() {
            assertThat(converter.convert(students, " 0042 ")).isEqualTo("42");
            assertThat(converter.convert(students, "-15")).isEqualTo("-15");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1 234", "1\u00A0234", "1\u202F234", "1234"})
        void decimalCommaTextMayGroupThousands(String text) {
            assertThat(converter.convert(field("students", FieldType.INTEGER, ValueConverter.DECIMAL_COMMA), text))
                    .isEqualTo("1234");
        }

        @Test
        void booleanIsNotAnInteger() {
            assertThat(rejection(students, Boolean.TRUE).reason()).startsWith("not a").endsWith("(Boolean)");
        }
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "INTEGER | 12.5       | not a valid integer",
            "INTEGER | 1 234      | not a valid integer",
            "INTEGER | 12,0       | not a valid integer",
            "INTEGER | двенадцать | not a valid integer",
            "INTEGER | 1e3        | not a valid integer",
            "NUMBER  | 1234,5     | not a valid number",
            "NUMBER  | 1,234.5    | not a valid number",
            "NUMBER  | NaN        | not a valid number",
            "NUMBER  | Infinity   | not a valid number",
            "NUMBER  | 12 р.      | not a valid number"})
    void textThatIsNotOfTheFieldsTypeIsRejected(FieldType type, String text, String reason) {
        RejectedValueException e = rejection(field("count", type), text);

        assertThat(e.field()).isEqualTo("count");
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.value()).isEqualTo(text);
    }

    @Nested
    class Numbers {

        private final Field amount = field("amount", FieldType.NUMBER);
        private final Field commaAmount = field("amount", FieldType.NUMBER, ValueConverter.DECIMAL_COMMA);

        @Test
        void trailingZerosAreDropped() {
            assertThat(converter.convert(amount, new BigDecimal("1234.50"))).isEqualTo("1234.5");
            assertThat(converter.convert(amount, new BigDecimal("1234.00"))).isEqualTo("1234");
        }

        @Test
        void zeroIsWrittenAsZeroWhateverItsScale() {
            assertThat(converter.convert(amount, new BigDecimal("0.00"))).isEqualTo("0");
            assertThat(converter.convert(amount, new BigDecimal("-0.000"))).isEqualTo("0");
            assertThat(converter.convert(amount, 0.0d)).isEqualTo("0");
        }

        @Test
        void noExponentNotation() {
            assertThat(converter.convert(amount, new BigDecimal("1E+3"))).isEqualTo("1000");
            assertThat(converter.convert(amount, 1.0e-7d)).isEqualTo("0.0000001");
        }

        @Test
        void doublesKeepTheirShortestDecimalForm() {
            // BigDecimal.valueOf, not new BigDecimal(double): 56.4847 must not become 56.48469999…
            assertThat(converter.convert(amount, 56.4847d)).isEqualTo("56.4847");
        }

        @Test
        void floatsKeepTheirShortestDecimalForm() {
            assertThat(converter.convert(amount, 84.9477f)).isEqualTo("84.9477");
        }

        @Test
        void integersAreNumbers() {
            assertThat(converter.convert(amount, 7)).isEqualTo("7");
            assertThat(converter.convert(amount, 9_000_000_000L)).isEqualTo("9000000000");
        }

        @Test
        void nonFiniteDoublesAreRejected() {
            RejectedValueException e = rejection(amount, Double.NaN);

            assertThat(e.field()).isEqualTo("amount");
            assertThat(e.reason()).isEqualTo("not a finite number");
            assertThat(rejection(amount, Double.POSITIVE_INFINITY).reason()).isEqualTo("not a finite number");
        }

        @Test
        void plainTextUsesTheDecimalPoint() {
            assertThat(converter.convert(amount, "1234.50")).isEqualTo("1234.5");
            assertThat(converter.convert(amount, "-0.0")).isEqualTo("0");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "1 234,50 | 1234.5",
                "1\u00A0234,50 | 1234.5",
                "1\u202F234,50 | 1234.5",
                "-0,50 | -0.5",
                "0,00 | 0",
                "12 | 12"})
        void decimalCommaText(String text, String canonical) {
            assertThat(converter.convert(commaAmount, text)).isEqualTo(canonical);
        }

        @Test
        void decimalCommaRejectionNamesThePattern() {
            assertThat(rejection(commaAmount, "1.234,50").reason()).isEqualTo("not a valid number in the pattern 'decimal-comma'");
        }
    }

    @Nested
    class Booleans {

        private final Field open = field("open", FieldType.BOOLEAN);

        @Test
        void jdbcBooleansAndBits() {
            assertThat(converter.convert(open, Boolean.TRUE)).isEqualTo("true");
            assertThat(converter.convert(open, Boolean.FALSE)).isEqualTo("false");
            assertThat(converter.convert(open, 1)).isEqualTo("true");
            assertThat(converter.convert(open, 0L)).isEqualTo("false");
            assertThat(converter.convert(open, new BigDecimal("1.0"))).isEqualTo("true");
        }

        @Test
        void otherNumbersAreRejected() {
            assertThat(rejection(open, 2).reason()).isEqualTo("not a boolean");
            assertThat(rejection(open, 0.5d).reason()).isEqualTo("not a boolean");
            // 2^32 + 1 truncates to int 1, which must not pass for "true"
            assertThat(rejection(open, 4_294_967_297L).reason()).isEqualTo("not a boolean");
        }

        @ParameterizedTest
        @CsvSource({"да,true", "Да,true", "ДА,true", "д,true", "yes,true", "TRUE,true", "1,true",
                "нет,false", "Нет,false", "н,false", "no,false", "false,false", "0,false"})
        void text(String text, String canonical) {
            assertThat(converter.convert(open, text)).isEqualTo(canonical);
        }

        @Test
        void unknownWordIsRejected() {
            RejectedValueException e = rejection(open, "возможно");

            assertThat(e.field()).isEqualTo("open");
            assertThat(e.reason()).isEqualTo("not a boolean (expected true/false, да/нет, 1/0)");
        }
    }

    @Nested
    class Dates {

        private final Field opened = field("opened", FieldType.DATE);
        private final Field russianOpened = field("opened", FieldType.DATE, "dd.MM.yyyy");

        @Test
        void jdbcDates() {
            assertThat(converter.convert(opened, java.sql.Date.valueOf("2026-03-01"))).isEqualTo("2026-03-01");
            assertThat(converter.convert(opened, LocalDate.of(2026, 3, 1))).isEqualTo("2026-03-01");
            assertThat(converter.convert(opened, LocalDateTime.of(2026, 3, 1, 23, 30))).isEqualTo("2026-03-01");
        }

        @Test
        void offsetDateTimeTakesTheDateInTomsk() {
            // 20:00 UTC on 1 March is 03:00 on 2 March in Tomsk (UTC+7)
            assertThat(converter.convert(opened, OffsetDateTime.of(2026, 3, 1, 20, 0, 0, 0, ZoneOffset.UTC)))
                    .isEqualTo("2026-03-02");
        }

        @Test
        void sqlDateDoesNotDependOnTheJvmZone() {
            assertThat(inDefaultZone("America/New_York",
                    () -> converter.convert(opened, java.sql.Date.valueOf("2026-03-01")))).isEqualTo("2026-03-01");
        }

        @Test
        void timestampInADateFieldIsTheDateOfItsInstantInTomsk() {
            // 17:30 UTC on 1 March is 00:30 on 2 March in Tomsk, and still 1 March in UTC and New York
            for (String jvmZone : new String[] {"UTC", "America/New_York", "Asia/Tomsk"}) {
                String converted = inDefaultZone(jvmZone,
                        () -> converter.convert(opened, Timestamp.from(Instant.parse("2026-03-01T17:30:00Z"))));
                assertThat(converted).as("JVM in %s", jvmZone).isEqualTo("2026-03-02");
            }
        }

        @Test
        void isoTextWithAnOffsetIsNotADate() {
            // which day it is depends on the zone: a date field does not guess
            assertThat(rejection(opened, "2024-12-31T20:00:00-05:00").reason()).isEqualTo("not a valid date");
        }

        @Test
        void infinityIsRejected() {
            assertThat(rejection(opened, LocalDate.MAX).reason()).isEqualTo("infinity is not a date");
            assertThat(rejection(opened, OffsetDateTime.MIN).reason()).isEqualTo("infinity is not a date");
        }

        @Test
        void isoText() {
            assertThat(converter.convert(opened, "2026-03-01")).isEqualTo("2026-03-01");
        }

        @Test
        void patternText() {
            assertThat(converter.convert(russianOpened, "01.03.2026")).isEqualTo("2026-03-01");
            assertThat(converter.convert(russianOpened, "29.02.2028")).isEqualTo("2028-02-29");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30", "01.03.2026", "2026-3-1", "завтра"})
        void badIsoTextIsRejected(String text) {
            RejectedValueException e = rejection(opened, text);

            assertThat(e.field()).isEqualTo("opened");
            assertThat(e.reason()).isEqualTo("not a valid date");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.3.2026", "32.01.2026", "01.13.2026", "2026-13-01"})
        void badPatternTextIsRejected(String text) {
            assertThat(rejection(russianOpened, text).reason()).isEqualTo("not a valid date in the pattern 'dd.MM.yyyy'");
        }

        @Test
        void isoTextIsAcceptedBesideTheDeclaredPattern() {
            Field opened = new Field("opened", null, "Opened", "Открыт", FieldType.DATE, false, "dd.MM.yyyy");
            // spreadsheet date cells arrive as ISO text whatever the department's CSV files use
            assertThat(converter.convert(opened, "01.03.2026")).isEqualTo("2026-03-01");
            assertThat(converter.convert(opened, "2026-03-01")).isEqualTo("2026-03-01");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> converter.convert(opened, "2026/03/01"))
                    .isInstanceOf(RejectedValueException.class);
        }

        @Test
        void impossibleDayInPatternTextIsRejected() {
            for (String text : new String[] {"31.02.2026", "29.02.2026", "31.04.2026"}) {
                assertThat(rejection(russianOpened, text).reason()).isEqualTo("not a valid date in the pattern 'dd.MM.yyyy'");
            }
        }

        @Test
        void numberIsNotADate() {
            assertThat(rejection(opened, 20260301).reason()).isEqualTo("not a date (Integer)");
        }
    }

    @Nested
    class DateTimes {

        private final Field updated = field("updated", FieldType.DATETIME);

        /**
         * The sql sources never hand over a Timestamp (their row mapper reads java.time); one from elsewhere is taken
         * as the instant it holds, never as a wall-clock time of the JVM's zone.
         */
        @Test
        void timestampIsItsInstantInTomskWhateverTheJvmZone() {
            for (String jvmZone : new String[] {"UTC", "Asia/Tomsk", "Europe/Moscow", "America/New_York"}) {
                String converted = inDefaultZone(jvmZone,
                        () -> converter.convert(updated, Timestamp.from(Instant.parse("2026-03-01T03:15:00.987Z"))));
                assertThat(converted).as("JVM in %s", jvmZone).isEqualTo("2026-03-01T10:15:00+07:00");
            }
        }

        @Test
        void offsetsAreConvertedByTheInstantWhateverTheJvmZone() {
            for (String jvmZone : new String[] {"UTC", "America/New_York", "Pacific/Auckland"}) {
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(updated,
                        OffsetDateTime.parse("2024-12-31T20:00:00-05:00")))).as("JVM in %s", jvmZone)
                        .isEqualTo("2025-01-01T08:00:00+07:00");
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(updated,
                        OffsetDateTime.parse("2024-07-01T09:30:00+12:00")))).as("JVM in %s", jvmZone)
                        .isEqualTo("2024-07-01T04:30:00+07:00");
            }
        }

        @Test
        void theRegionsOffsetIsTheOneInForceAtTheInstant() {
            // Asia/Tomsk was UTC+6 from October 2014 to May 2016
            assertThat(converter.convert(updated, Instant.parse("2015-07-01T12:00:00Z"))).isEqualTo("2015-07-01T18:00:00+06:00");
            assertThat(converter.convert(updated, LocalDateTime.of(2015, 7, 1, 18, 0))).isEqualTo("2015-07-01T18:00:00+06:00");
        }

        @Test
        void localValuesAreTomskTimeWhateverTheJvmZone() {
            for (String jvmZone : new String[] {"UTC", "America/New_York"}) {
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(updated, LocalDateTime.of(2024, 12, 31, 23, 30))))
                        .as("JVM in %s", jvmZone).isEqualTo("2024-12-31T23:30:00+07:00");
            }
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                // what HTTP APIs and files deliver: ISO 8601 with an offset, taken by its instant
                "2024-03-01T10:00:00+07:00 | 2024-03-01T10:00:00+07:00",
                "2024-03-01T03:00:00Z | 2024-03-01T10:00:00+07:00",
                "2024-07-15T06:00:00.123456+02:00 | 2024-07-15T11:00:00+07:00",
                "2024-12-31T20:00:00-05:00 | 2025-01-01T08:00:00+07:00",
                "2025-01-01T00:30:00+12:00 | 2024-12-31T19:30:00+07:00",
                "2024-01-15T23:00:00-10:00 | 2024-01-16T16:00:00+07:00",
                // without an offset: the region's local time
                "2024-12-31T23:30:00 | 2024-12-31T23:30:00+07:00"})
        void isoTextIsConvertedByItsInstantWhateverTheJvmZone(String text, String canonical) {
            for (String jvmZone : new String[] {"UTC", "America/New_York", "Asia/Tomsk"}) {
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(updated, text))).as("JVM in %s", jvmZone)
                        .isEqualTo(canonical);
                assertThat(inDefaultZone(jvmZone, () -> converter.convert(field("updated", FieldType.DATETIME, "dd.MM.yyyy HH:mm"), text)))
                        .as("with a declared pattern, JVM in %s", jvmZone).isEqualTo(canonical);
            }
        }

        @Test
        void timesOfDayAreNotDatetimes() {
            assertThat(rejection(updated, LocalTime.of(10, 15)).reason()).isEqualTo("not a datetime (LocalTime)");
            assertThat(rejection(updated, java.sql.Time.valueOf("10:15:00")).reason()).isEqualTo("not a datetime (Time)");
        }

        @Test
        void infinityIsRejected() {
            assertThat(rejection(updated, LocalDateTime.MAX).reason()).isEqualTo("infinity is not a datetime");
            assertThat(rejection(updated, OffsetDateTime.MAX).reason()).isEqualTo("infinity is not a datetime");
        }

        @Test
        void valuesWithAZoneAreConvertedToTomsk() {
            assertThat(converter.convert(updated, OffsetDateTime.of(2026, 3, 1, 3, 15, 0, 0, ZoneOffset.UTC)))
                    .isEqualTo("2026-03-01T10:15:00+07:00");
            assertThat(converter.convert(updated, OffsetDateTime.of(2026, 3, 1, 6, 15, 0, 0, ZoneOffset.ofHours(3))))
                    .isEqualTo("2026-03-01T10:15:00+07:00");
            assertThat(converter.convert(updated, ZonedDateTime.of(2026, 3, 1, 6, 15, 0, 0, ZoneId.of("Europe/Moscow"))))
                    .isEqualTo("2026-03-01T10:15:00+07:00");
            assertThat(converter.convert(updated, Instant.parse("2026-03-01T03:15:00Z"))).isEqualTo("2026-03-01T10:15:00+07:00");
        }

        @Test
        void localValuesAreTomskTime() {
            assertThat(converter.convert(updated, LocalDateTime.of(2026, 3, 1, 10, 15, 30, 500))).isEqualTo("2026-03-01T10:15:30+07:00");
            assertThat(converter.convert(updated, LocalDate.of(2026, 3, 1))).isEqualTo("2026-03-01T00:00:00+07:00");
            assertThat(converter.convert(updated, java.sql.Date.valueOf("2026-03-01"))).isEqualTo("2026-03-01T00:00:00+07:00");
        }

        @Test
        void isoText() {
            assertThat(converter.convert(updated, "2026-03-01T03:15:00Z")).isEqualTo("2026-03-01T10:15:00+07:00");
            assertThat(converter.convert(updated, "2026-03-01T10:15:00+07:00")).isEqualTo("2026-03-01T10:15:00+07:00");
            assertThat(converter.convert(updated, "2026-03-01T10:15")).isEqualTo("2026-03-01T10:15:00+07:00");
            assertThat(converter.convert(updated, "2026-03-01T10:15:00.999")).isEqualTo("2026-03-01T10:15:00+07:00");
        }

        @Test
        void patternText() {
            assertThat(converter.convert(field("updated", FieldType.DATETIME, "dd.MM.yyyy HH:mm"), "01.03.2026 10:15"))
                    .isEqualTo("2026-03-01T10:15:00+07:00");
        }

        @Test
        void badTextIsRejected() {
            RejectedValueException e = rejection(updated, "01.03.2026 10:15");

            assertThat(e.field()).isEqualTo("updated");
            assertThat(e.reason()).isEqualTo("not a valid datetime");
            assertThat(rejection(field("updated", FieldType.DATETIME, "dd.MM.yyyy HH:mm"), "01.03.2026").reason())
                    .isEqualTo("not a valid datetime in the pattern 'dd.MM.yyyy HH:mm'");
        }

        @Test
        void numberIsNotADatetime() {
            assertThat(rejection(updated, 1_772_334_900L).reason()).isEqualTo("not a datetime (Long)");
        }
    }

    @Test
    void rejectedValueIsTruncatedForReports() {
        String longText = "ж".repeat(100);

        RejectedValueException e = rejection(field("amount", FieldType.NUMBER), longText);

        assertThat(e.value()).isEqualTo("ж".repeat(80) + "…");
    }
}
