package ru.gov.tomsk.opendata.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values beyond what the published files' validators take are rejected at conversion, naming the field,
 * the value and why, so that the record goes to quarantine instead of into a file that fails validation;
 * and double fields publish every IEEE 754 value exactly.
 */
class ValueLimitsTest {

    private final ValueConverter converter = new ValueConverter(ZoneId.of("Asia/Tomsk"));

    private static Field field(String name, FieldType type) {
        return new Field(name, null, "en", "ru", type, false, null);
    }

    private RejectedValueException rejection(Field field, Object raw) {
        RejectedValueException e = catchThrowableOfType(RejectedValueException.class, () -> converter.convert(field, raw));
        assertThat(e).as("%s is rejected for a %s field", raw, field.type().word()).isNotNull();
        assertThat(e.field()).isEqualTo(field.name());
        return e;
    }

    @Nested
    class ExactNumbers {

        private final Field amount = field("amount", FieldType.NUMBER);
        private final Field count = field("count", FieldType.INTEGER);

        /** The defect: 1E300 became 301 digits of xs:decimal, which xmllint refuses. */
        @Test
        void aHugeDoubleInANumberFieldIsRejectedWithTheReason() {
            RejectedValueException e = rejection(amount, 1e300);

            assertThat(e.value()).isEqualTo("1.0E300");
            assertThat(e.reason()).isEqualTo("longer than 24 digits (301 written out); a number field is an exact decimal "
                    + "and holds at most 24 digits, as XML validators such as libxml2 read xs:decimal; floating-point "
                    + "values belong in a double field");
        }

        @Test
        void twentyFourDigitsAreTheMost() {
            assertThat(converter.convert(amount, new BigDecimal("123456789012345678.901234"))).isEqualTo("123456789012345678.901234");
            assertThat(converter.convert(amount, "0.000000000000000000000001")).isEqualTo("0.000000000000000000000001");
            // trailing zeros are dropped before counting: the published text has one digit
            assertThat(converter.convert(amount, "1.0000000000000000000000000000")).isEqualTo("1");
            assertThat(rejection(amount, new BigDecimal("1234567890123456789.012345")).reason()).startsWith("longer than 24 digits (25 written out)");
            assertThat(rejection(amount, "0.0000000000000000000000001").reason()).startsWith("longer than 24 digits (25 written out)");
            assertThat(rejection(amount, 1.2345678901234567E-10).reason()).startsWith("longer than 24 digits (26 written out)");
        }

        @Test
        void integersBeyondTwentyFourDigitsAreRejected() {
            assertThat(converter.convert(count, new BigInteger("-999999999999999999999999"))).isEqualTo("-999999999999999999999999");
            assertThat(converter.convert(count, Long.MIN_VALUE)).isEqualTo("-9223372036854775808");

            RejectedValueException e = rejection(count, new BigInteger("1000000000000000000000000"));
            assertThat(e.value()).isEqualTo("1000000000000000000000000");
            assertThat(e.reason()).isEqualTo("longer than 24 digits (25 written out); an integer field holds at most 24 "
                    + "digits, as XML validators such as libxml2 read xs:integer; a code of more digits is a string field");
            assertThat(rejection(count, "-1234567890123456789012345").reason()).startsWith("longer than 24 digits (25 written out)");
        }
    }

    @Nested
    class Doubles {

        private final Field measure = field("measure", FieldType.DOUBLE);
        private final Field commaMeasure = new Field("measure", null, "en", "ru", FieldType.DOUBLE, false, ValueConverter.DECIMAL_COMMA);

        @ParameterizedTest
        @CsvSource({
                "1e300, 1E300",
                "-1e-300, -1E-300",
                "4.9E-324, 5E-324",
                "1.7976931348623157E308, 1.7976931348623157E308",
                "0.1, 0.1",
                "56.484645, 56.484645",
                "1e20, 100000000000000000000",
                "1e21, 1E21",
                "1e-6, 0.000001",
                "1e-7, 1E-7",
                "123456789.125, 123456789.125",
                "0, 0",
                "-0.0, -0"})
        void doublesAreWrittenInTheirShortestExactForm(double value, String published) {
            assertThat(converter.convert(measure, value)).isEqualTo(published);
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(published))).isEqualTo(Double.doubleToRawLongBits(value));
        }

        /** Java 17's Double.toString writes 2e23 as 1.9999999999999998E23 and 1e23 as 9.999999999999999E22; Java 19 does not. */
        @Test
        void theDigitsDoNotDependOnTheJvm() {
            assertThat(converter.convert(measure, 2e23)).isEqualTo("2E23");
            assertThat(converter.convert(measure, 1e23)).isEqualTo("1E23");
            assertThat(converter.convert(field("amount", FieldType.NUMBER), 2e23)).isEqualTo("200000000000000000000000");
        }

        @Test
        void textAndDecimalsAreTakenWhenADoubleHoldsThemExactly() {
            assertThat(converter.convert(measure, "1.0E300")).isEqualTo("1E300");
            assertThat(converter.convert(measure, new BigDecimal("0.10"))).isEqualTo("0.1");
            assertThat(converter.convert(measure, 9_007_199_254_740_992L)).isEqualTo("9007199254740992");
            assertThat(converter.convert(measure, 84.9477f)).isEqualTo("84.9477");
            assertThat(converter.convert(commaMeasure, "-1 234,5")).isEqualTo("-1234.5");
            assertThat(converter.convert(measure, "-0")).isEqualTo("-0");
        }

        @Test
        void textADoubleWouldChangeIsRejected() {
            assertThat(rejection(measure, "3.14159265358979323846").reason()).isEqualTo(
                    "too precise for a double: it would be published as 3.141592653589793; a number field keeps every digit");
            assertThat(rejection(measure, 9_007_199_254_740_993L).reason()).isEqualTo(
                    "too precise for a double: it would be published as 9007199254740992; a number field keeps every digit");
            assertThat(rejection(measure, "1e-400").reason()).isEqualTo(
                    "too precise for a double: it would be published as 0; a number field keeps every digit");
            assertThat(rejection(measure, "-1e400").reason()).isEqualTo(
                    "beyond the range of a double (at most ±1.7976931348623157E308)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "0x1p3", "1d", "1,5"})
        void textThatIsNotADecimalIsRejected(String text) {
            assertThat(rejection(measure, text).reason()).isEqualTo("not a valid double");
        }

        @Test
        void nonFiniteValuesAreRejected() {
            assertThat(rejection(measure, Double.NaN).reason()).isEqualTo("not a finite number");
            assertThat(rejection(measure, Float.NEGATIVE_INFINITY).reason()).isEqualTo("not a finite number");
            assertThat(rejection(measure, true).reason()).isEqualTo("not a double (Boolean)");
        }
    }

    @Nested
    class Years {

        private final Field day = field("day", FieldType.DATE);
        private final Field moment = field("moment", FieldType.DATETIME);

        @Test
        void yearsOneToNineThousandNineHundredNinetyNineArePublished() {
            assertThat(converter.convert(day, LocalDate.of(1, 1, 1))).isEqualTo("0001-01-01");
            assertThat(converter.convert(day, "9999-12-31")).isEqualTo("9999-12-31");
            assertThat(converter.convert(moment, LocalDateTime.of(9999, 12, 31, 23, 59, 59))).isEqualTo("9999-12-31T23:59:59+07:00");
        }

        @Test
        void otherYearsAreRejectedNamingThePublishedText() {
            assertThat(rejection(day, LocalDate.of(0, 12, 31)).reason())
                    .isEqualTo("outside the years 0001 to 9999 that xs:date validators and CSV consumers take: 0000-12-31");
            assertThat(rejection(day, LocalDate.of(10000, 1, 1)).reason()).endsWith("take: +10000-01-01");
            assertThat(rejection(day, LocalDate.of(-1, 1, 1)).reason()).endsWith("take: -0001-01-01");
            assertThat(rejection(new Field("day", null, "en", "ru", FieldType.DATE, false, "dd.MM.yyyy"), "31.12.0000").reason())
                    .endsWith("take: 0000-12-31");
            // 23:00 UTC on the last day of 9999 is already 10000 in Tomsk
            assertThat(rejection(moment, OffsetDateTime.of(9999, 12, 31, 23, 0, 0, 0, ZoneOffset.UTC)).reason())
                    .isEqualTo("outside the years 0001 to 9999 that xs:dateTime validators and CSV consumers take: "
                            + "+10000-01-01T06:00:00+07:00");
            // year-of-era would have printed 1 BC as 0001
            assertThat(rejection(moment, LocalDateTime.of(0, 6, 1, 12, 0)).reason()).endsWith("take: 0000-06-01T06:20:09Z");
        }

        /** Tomsk kept local mean time, +05:39:51, until 1919; xs:dateTime has no seconds in offsets. */
        @Test
        void anOffsetWithSecondsIsWrittenAsTheSameInstantInUtc() {
            assertThat(converter.convert(moment, LocalDateTime.of(1900, 1, 1, 12, 0))).isEqualTo("1900-01-01T06:20:09Z");
            assertThat(converter.convert(moment, "1900-01-01T06:20:09Z")).isEqualTo("1900-01-01T06:20:09Z");
            assertThat(converter.convert(moment, LocalDateTime.of(1920, 1, 1, 12, 0))).isEqualTo("1920-01-01T12:00:00+06:00");
        }

        @Test
        void anOffsetBeyondFourteenHoursIsWrittenInUtc() {
            ValueConverter farEast = new ValueConverter(ZoneOffset.ofHours(15));

            assertThat(farEast.convert(moment, LocalDateTime.of(2026, 3, 1, 10, 0))).isEqualTo("2026-02-28T19:00:00Z");
            assertThat(new ValueConverter(ZoneOffset.ofHours(-14)).convert(moment, LocalDateTime.of(2026, 3, 1, 10, 0)))
                    .isEqualTo("2026-03-01T10:00:00-14:00");
        }
    }
}
