package ru.gov.tomsk.opendata.dataset;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a canonical value may be so that every published file validates against its structure file with
 * the validators citizens use. The strictest common one is libxml2 (xmllint, PHP, Python's lxml); what
 * its version 2.9.14 (Debian 12) takes was established by probing it:
 * <ul>
 * <li>{@code xs:decimal} and {@code xs:integer} hold at most 24 digits, counted without the leading
 *     zeros of the integer part but with every fraction digit: 24 nines pass, 25 fail, and so do
 *     {@code 1.000000000000000000000000} and the 301 digits of 1E300 written out;</li>
 * <li>{@code xs:date} and {@code xs:dateTime} refuse year 0000, a {@code +} before the year and offsets
 *     with seconds or beyond ±14:00; negative and five-digit years pass, but mean other days than
 *     Java's proleptic years, and the CSV's consumers take years 0001 to 9999 only.</li>
 * </ul>
 * A value beyond these is rejected with the reason, so that its record goes to quarantine instead of
 * into a file that fails validation. {@code xs:double} takes any digits and exponents, so a
 * {@link FieldType#DOUBLE double} field holds what a number field cannot.
 */
final class ValueLimits {

    /** libxml2 2.9 keeps a decimal in three 8-digit words. */
    static final int MAX_DECIMAL_DIGITS = 24;

    private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("(?!0000)[0-9]{4}-.*", Pattern.DOTALL);
    private static final Pattern OFFSET = Pattern.compile("([+-])([0-9]{2}):([0-9]{2})(:[0-9]{2})?$");
    private static final int MAX_OFFSET_MINUTES = 14 * 60;

    private ValueLimits() {
    }

    /**
     * @param value the canonical text of {@code raw}
     * @return {@code value}, or the same instant in UTC when the zone's offset at that time cannot be
     *         written in {@code xs:dateTime} (local mean time before 1920, e.g. +05:39:51 in Tomsk)
     */
    static String check(Field field, Object raw, String value) {
        return switch (field.type()) {
            case INTEGER -> digits(field, raw, value, "an integer field holds at most " + MAX_DECIMAL_DIGITS
                    + " digits, as XML validators such as libxml2 read xs:integer; a code of more digits is a string field");
            case NUMBER -> digits(field, raw, value, "a number field is an exact decimal and holds at most " + MAX_DECIMAL_DIGITS
                    + " digits, as XML validators such as libxml2 read xs:decimal; floating-point values belong in a double field");
            case DATE -> year(field, raw, value);
            case DATETIME -> year(field, raw, writableOffset(value));
            default -> value;
        };
    }

    /** Digits as libxml2 counts them: the integer part's leading zeros (a lone 0 before the point) are free. */
    static int digits(String canonical) {
        String digits = canonical.replace("-", "");
        if (digits.startsWith("0.")) {
            digits = digits.substring(1);
        }
        return digits.length() - (digits.indexOf('.') >= 0 ? 1 : 0);
    }

    private static String digits(Field field, Object raw, String value, String limit) {
        int digits = digits(value);
        if (digits > MAX_DECIMAL_DIGITS) {
            throw new RejectedValueException(field.name(), raw, "longer than " + MAX_DECIMAL_DIGITS + " digits ("
                    + digits + " written out); " + limit,
                    "в числе больше " + MAX_DECIMAL_DIGITS + " цифр");
        }
        return value;
    }

    private static String year(Field field, Object raw, String value) {
        if (!FOUR_DIGIT_YEAR.matcher(value).matches()) {
            throw new RejectedValueException(field.name(), raw, "outside the years 0001 to 9999 that xs:"
                    + (field.type() == FieldType.DATE ? "date" : "dateTime") + " validators and CSV consumers take: "
                            + value,
                    "год должен быть от 0001 до 9999");
        }
        return value;
    }

    private static String writableOffset(String value) {
        Matcher offset = OFFSET.matcher(value);
        if (!offset.find() || offset.group(4) == null
                && Integer.parseInt(offset.group(2)) * 60 + Integer.parseInt(offset.group(3)) <= MAX_OFFSET_MINUTES) {
            return value;
        }
        return ValueConverter.DATETIME_OUT.format(OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC));
    }
}
