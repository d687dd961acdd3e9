package ru.gov.tomsk.opendata.dataset;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;

/**
 * Turns a raw source value (JDBC object or text) into the canonical text of its field type:
 * ISO 8601 dates, {@code .} as the decimal separator, no thousands separators, NFC text.
 * Canonical output matters twice: consumers parse it, and the fingerprint compares it.
 */
public final class ValueConverter {

    /** The {@code parse} word for numbers written with a decimal comma and spaces as group separators. */
    public static final String DECIMAL_COMMA = "decimal-comma";

    // u, not y: year 0 (1 BC) must not print as 0001; XXXXX keeps an offset's seconds (local mean time) visible
    static final DateTimeFormatter DATETIME_OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXXXX");
    private static final DateTimeFormatter TIME_OUT = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter TIME_WITH_OFFSET_OUT = DateTimeFormatter.ofPattern("HH:mm:ssXXX");
    private static final long MAX_CLOB_CHARS = 1_000_000;

    private final ZoneId zone;

    public ValueConverter(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Canonical text of the value, or {@code null} for no value.
     *
     * @throws RejectedValueException also for a value beyond what the published files' validators take ({@link ValueLimits})
     */
    public String convert(Field field, Object raw) {
        return convert(field, raw, null);
    }

    /** As {@link #convert(Field, Object)}; {@code cleanup} is told when the text clean-up changed the value. */
    public String convert(Field field, Object raw, ValueNormalizer.Changes cleanup) {
        String value = typed(field, raw, cleanup);
        return value == null ? null : ValueLimits.check(field, raw, value);
    }

    private String typed(Field field, Object raw, ValueNormalizer.Changes cleanup) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String || raw instanceof Clob) {
            String text = ValueNormalizer.text(raw instanceof Clob clob ? readClob(field, clob) : (String) raw,
                    field.keepControlCharacters(), cleanup);
            return text == null ? null : fromText(field, text);
        }
        return switch (field.type()) {
            case STRING -> ValueNormalizer.text(text(raw), field.keepControlCharacters(), cleanup);
            case INTEGER -> integer(field, raw);
            case NUMBER -> number(field, raw);
            case DOUBLE -> DoubleText.of(field, raw);
            case BOOLEAN -> bool(field, raw);
            case DATE -> date(field, raw);
            case DATETIME -> datetime(field, raw);
        };
    }

    private String fromText(Field field, String text) {
        try {
            return switch (field.type()) {
                case STRING -> text;
                case INTEGER -> new BigInteger(stripGroups(text, field)).toString();
                case NUMBER -> canonical(new BigDecimal(decimalText(field, text)));
                case DOUBLE -> DoubleText.ofText(field, text, new BigDecimal(decimalText(field, text)));
                case BOOLEAN -> boolText(field, text);
                case DATE -> parseDate(field, text).toString();
                case DATETIME -> DATETIME_OUT.format(parseDateTime(field, text));
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new RejectedValueException(field.name(), text, "not a valid " + field.type().word()
                    + (field.parse() == null ? "" : " in the pattern '" + field.parse() + "'"),
                    "значение не читается как " + readsAs(field.type()) + (field.parse() == null ? "" : " по шаблону "
                            + field.parse()));
        }
    }

    /**
     * A declared pattern parsed strictly, so that 31.02.2026 is rejected rather than quietly becoming
     * 28 February. Strict resolution needs the proleptic year {@code u}; departments write {@code y}.
     */
    static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    private String stripGroups(String text, Field field) {
        return DECIMAL_COMMA.equals(field.parse()) ? text.replaceAll("[\\s\\u00A0\\u202F]", "") : text;
    }

    private String decimalText(Field field, String text) {
        return DECIMAL_COMMA.equals(field.parse()) ? stripGroups(text, field).replace(',', '.') : text;
    }

    /**
     * The declared pattern first; ISO 8601 as well, because some sources deliver it whatever the
     * department's text files use (spreadsheet date cells, for one).
     */
    private static LocalDate parseDate(Field field, String text) {
        if (field.parse() != null) {
            try {
                return LocalDate.parse(text, strict(field.parse()));
            } catch (DateTimeParseException notInPattern) {
                if (!looksIso(text)) {
                    throw notInPattern;
                }
            }
        }
        return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
    }

    private static boolean looksIso(String text) {
        return text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-';
    }

    private ZonedDateTime parseDateTime(Field field, String text) {
        if (field.parse() != null) {
            try {
                return LocalDateTime.parse(text, strict(field.parse())).atZone(zone).truncatedTo(ChronoUnit.SECONDS);
            } catch (DateTimeParseException notInPattern) {
                if (!looksIso(text)) {
                    throw notInPattern;
                }
            }
        }
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).atZone(zone).truncatedTo(ChronoUnit.SECONDS);
        }
    }

    private String integer(Field field, Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte
                || raw instanceof BigInteger) {
            return raw.toString();
        }
        BigDecimal decimal = toDecimal(field, raw);
        try {
            return decimal.stripTrailingZeros().toBigIntegerExact().toString();
        } catch (ArithmeticException e) {
            throw new RejectedValueException(field.name(), raw, "not an integer",
                    "значение не является целым числом");
        }
    }

    private String number(Field field, Object raw) {
        return canonical(toDecimal(field, raw));
    }

    private BigDecimal toDecimal(Field field, Object raw) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof Double || raw instanceof Float) {
            double v = ((Number) raw).doubleValue();
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new RejectedValueException(field.name(), raw, "not a finite number",
                    "значение не является конечным числом");
            }
            // the shortest digits that read back as the value, the same on every JVM (DoubleText)
            return raw instanceof Float f ? DoubleText.decimal(f) : DoubleText.decimal(v);
        }
        if (raw instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw new RejectedValueException(field.name(), raw, "not " + article(field.type()) + " ("
                + raw.getClass().getSimpleName() + ")",
                    "значение не является числом");
    }

    /** "целое число", "дата": what a value of the type is, for the department's reason. */
    private static String readsAs(FieldType type) {
        return switch (type) {
            case STRING -> "текст";
            case INTEGER -> "целое число";
            case NUMBER, DOUBLE -> "число";
            case BOOLEAN -> "да или нет";
            case DATE -> "дата";
            case DATETIME -> "дата и время";
        };
    }

    private static String article(FieldType type) {
        return (type == FieldType.INTEGER ? "an " : "a ") + type.word();
    }

    private static String canonical(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private String bool(Field field, Object raw) {
        if (raw instanceof Boolean b) {
            return b.toString();
        }
        if (raw instanceof Number n && (n.intValue() == 0 || n.intValue() == 1) && n.doubleValue() == n.intValue()) {
            return Boolean.toString(n.intValue() == 1);
        }
        throw new RejectedValueException(field.name(), raw, "not a boolean",
                    "значение не является логическим (да или нет)");
    }

    private String boolText(Field field, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "да", "y", "д" -> "true";
            case "false", "0", "no", "нет", "n", "н" -> "false";
            default -> throw new RejectedValueException(field.name(), text,
                    "not a boolean (expected true/false, да/нет, 1/0)",
                    "значение не является логическим: допустимы да/нет, true/false, 1/0");
        };
    }

    private String date(Field field, Object raw) {
        rejectInfinity(field, raw);
        if (raw instanceof LocalDate d) {
            return d.toString();
        }
        if (raw instanceof java.sql.Date d) {
            // a date has no zone: the driver built it at midnight of the JVM's zone, toLocalDate reads it back there
            return d.toLocalDate().toString();
        }
        if (raw instanceof LocalDateTime t) {
            return t.toLocalDate().toString();
        }
        ZonedDateTime t = instant(field, raw);
        if (t == null) {
            throw new RejectedValueException(field.name(), raw, "not a date (" + raw.getClass().getSimpleName() + ")",
                    "значение не является датой");
        }
        return t.toLocalDate().toString();
    }

    private String datetime(Field field, Object raw) {
        rejectInfinity(field, raw);
        ZonedDateTime t;
        if (raw instanceof LocalDateTime ldt) {
            // a timestamp without zone means local time of the source system, which is the region's zone
            t = ldt.atZone(zone);
        } else if (raw instanceof LocalDate d) {
            t = d.atStartOfDay(zone);
        } else if (raw instanceof java.sql.Date d) {
            t = d.toLocalDate().atStartOfDay(zone);
        } else {
            t = instant(field, raw);
        }
        if (t == null) {
            throw new RejectedValueException(field.name(), raw, "not a datetime (" + raw.getClass().getSimpleName()
                    + ")",
                    "значение не является датой и временем");
        }
        return DATETIME_OUT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * A value that is an exact instant, in the region's zone; {@code null} for anything else.
     *
     * <p>A {@link java.sql.Timestamp} counts as an instant. The sql sources read every standard date/time column as
     * java.time (the source row mapper), so a Timestamp can only come from a vendor type that mapper does not know;
     * those that drivers hand over as Timestamp (Oracle's {@code TIMESTAMP WITH [LOCAL] TIME ZONE}, SQL Server's
     * {@code datetimeoffset}) are instants, and the instant is what the driver put in, whatever the JVM's zone.
     * Reading its wall-clock time ({@code toLocalDateTime}) would depend on the JVM's zone instead.
     */
    private ZonedDateTime instant(Object raw) {
        if (raw instanceof OffsetDateTime odt) {
            return odt.atZoneSameInstant(zone);
        }
        if (raw instanceof ZonedDateTime zdt) {
            return zdt.withZoneSameInstant(zone);
        }
        if (raw instanceof Instant i) {
            return i.atZone(zone);
        }
        if (raw instanceof Date d && !(raw instanceof java.sql.Date) && !(raw instanceof java.sql.Time)) {
            return d.toInstant().atZone(zone);
        }
        return null;
    }

    /** As {@link #instant(Object)}, rejecting an instant too far out for the region's calendar. */
    private ZonedDateTime instant(Field field, Object raw) {
        try {
            return instant(raw);
        } catch (DateTimeException outOfRange) {
            throw new RejectedValueException(field.name(), raw, "out of the range of " + article(field.type()),
                    "дата вне допустимого диапазона");
        }
    }

    /** PostgreSQL's {@code infinity} arrives as the java.time MAX/MIN values: no date to publish. */
    private static void rejectInfinity(Field field, Object raw) {
        if (LocalDate.MAX.equals(raw) || LocalDate.MIN.equals(raw) || LocalDateTime.MAX.equals(raw)
                || LocalDateTime.MIN.equals(raw) || OffsetDateTime.MAX.equals(raw) || OffsetDateTime.MIN.equals(raw)) {
            throw new RejectedValueException(field.name(), raw, "infinity is not " + article(field.type()),
                    "бесконечная дата недопустима");
        }
    }

    /**
     * A source value as text where text is wanted (string fields, expressions): dates, date-times and times in
     * ISO 8601 as a date or datetime field writes them (date-times in the region's zone, to the second), anything
     * else its own text. {@code null} stays {@code null}.
     */
    public String text(Object raw) {
        if (raw == null || raw instanceof String) {
            return (String) raw;
        }
        if (raw instanceof LocalDate d) {
            return d.toString();
        }
        if (raw instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (raw instanceof LocalDateTime t) {
            return DATETIME_OUT.format(t.atZone(zone).truncatedTo(ChronoUnit.SECONDS));
        }
        if (raw instanceof LocalTime t) {
            return TIME_OUT.format(t);
        }
        if (raw instanceof java.sql.Time t) {
            // a time of day has no zone: the driver built it in the JVM's zone, toLocalTime reads it back there
            return TIME_OUT.format(t.toLocalTime());
        }
        if (raw instanceof OffsetTime t) {
            // a time of day without a date cannot move to another zone exactly: it keeps the source's offset
            return TIME_WITH_OFFSET_OUT.format(t);
        }
        try {
            ZonedDateTime t = instant(raw);
            return t == null ? raw.toString() : DATETIME_OUT.format(t.truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeException outOfRange) {
            return raw.toString();
        }
    }

    private static String readClob(Field field, Clob clob) {
        try (Reader reader = clob.getCharacterStream()) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = reader.read(buf)) > 0) {
                sb.append(buf, 0, n);
                if (sb.length() > MAX_CLOB_CHARS) {
                    throw new RejectedValueException(field.name(), sb.substring(0, 80), "text longer than "
                            + MAX_CLOB_CHARS + " characters",
                    "текст длиннее " + MAX_CLOB_CHARS + " символов");
                }
            }
            return sb.toString();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read text of field '" + field.name() + "': " + e.getMessage(), e);
        }
    }
}
