package ru.gov.tomsk.opendata.dataset;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The canonical text of a {@code double} field: the shortest decimal that reads back as the very same
 * IEEE 754 binary64 value, plain from 0.000001 to below 1E21 (where JavaScript writes numbers plain) and
 * in scientific notation outside ({@code 1E300}, {@code -1E-300}, {@code 5E-324}). Both are valid
 * {@code xs:double}, JSON numbers and text every CSV consumer parses.
 *
 * <p>The digits are found here rather than by {@link Double#toString}, whose output changed in Java 19:
 * the text, and so the data's fingerprint, must not change with the JVM.
 *
 * <p>A value that is not already a double (text, an exact decimal, a long) is taken only when a double
 * holds it exactly as written: {@code 0.1} is the double 0.1, but 3.14159265358979323846 would be
 * published as 3.141592653589793, and that is a silent change of the source's value.
 */
final class DoubleText {

    private static final int DOUBLE_DIGITS = 17;
    private static final int FLOAT_DIGITS = 9;
    private static final MathContext[] PRECISION = new MathContext[DOUBLE_DIGITS + 1];

    static {
        for (int digits = 1; digits <= DOUBLE_DIGITS; digits++) {
            PRECISION[digits] = new MathContext(digits, RoundingMode.HALF_EVEN);
        }
    }

    private DoubleText() {
    }

    /** The shortest decimal that reads back as {@code v}: an exact decimal for a number field. */
    static BigDecimal decimal(double v) {
        return shortest(v, DOUBLE_DIGITS, null);
    }

    /** A float's own shortest decimal (84.9477), not that of the double it widens to (84.94770050048828). */
    static BigDecimal decimal(float f) {
        return shortest(f, FLOAT_DIGITS, f);
    }

    /** A JDBC or parsed value of a double field. */
    static String of(Field field, Object raw) {
        if (raw instanceof Double || raw instanceof Float) {
            double v = ((Number) raw).doubleValue();
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new RejectedValueException(field.name(), raw, "not a finite number",
                    "значение не является конечным числом");
            }
            return text(v, raw instanceof Float f ? decimal(f) : decimal(v));
        }
        if (raw instanceof BigDecimal || raw instanceof java.math.BigInteger || raw instanceof Long
                || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return exact(field, raw, new BigDecimal(raw.toString()), false);
        }
        throw new RejectedValueException(field.name(), raw, "not a double (" + raw.getClass().getSimpleName() + ")",
                    "значение не является числом");
    }

    /** Text already parsed as a decimal; a written minus keeps the sign of zero ({@code -0}). */
    static String ofText(Field field, String text, BigDecimal value) {
        return exact(field, text, value, text.startsWith("-"));
    }

    private static String exact(Field field, Object raw, BigDecimal value, boolean negative) {
        double v = value.doubleValue();
        if (Double.isInfinite(v)) {
            throw new RejectedValueException(field.name(), raw,
                    "beyond the range of a double (at most ±" + text(Double.MAX_VALUE, decimal(Double.MAX_VALUE)) + ")",
                    "число слишком велико");
        }
        if (v == 0 && negative) {
            v = -0.0;
        }
        BigDecimal digits = decimal(v);
        if (digits.compareTo(value) != 0) {
            throw new RejectedValueException(field.name(), raw, "too precise for a double: it would be published as "
                    + text(v, digits) + "; a number field keeps every digit",
                    "в числе слишком много знаков для типа double: укажите у поля тип number, он хранит все цифры");
        }
        return text(v, digits);
    }

    /**
     * The fewest significant digits that read back as {@code v} (or as {@code f} for a float's own
     * digits). Rounding the exact binary value half-even at each precision finds them.
     */
    private static BigDecimal shortest(double v, int maxDigits, Float f) {
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < maxDigits; digits++) {
            BigDecimal rounded = exact.round(PRECISION[digits]);
            if (f != null ? rounded.floatValue() == f : rounded.doubleValue() == v) {
                return rounded;
            }
        }
        return exact.round(PRECISION[maxDigits]);
    }

    private static String text(double v, BigDecimal digits) {
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        BigDecimal d = digits.stripTrailingZeros();
        String unscaled = d.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - d.scale();
        if (exponent > -7 && exponent < 21) {
            return d.toPlainString();
        }
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return (d.signum() < 0 ? "-" : "") + mantissa + "E" + exponent;
    }
}
