package ru.gov.tomsk.opendata.source.payload;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Numeric cells as data rather than as displayed: a cell with a date format becomes ISO text ({@code yyyy-MM-dd},
 * or {@code yyyy-MM-ddTHH:mm:ss} when the format shows a time), any other number its stored value in plain
 * notation ({@code 1234567.5}, {@code 42}, never {@code 4.2E1} or {@code 42.0}). A display format such as
 * {@code 0.00} or a Russian-locale date pattern is not applied: the structure's field types parse the values,
 * and ISO text is what they parse without a pattern.
 */
final class IsoCellFormatter extends DataFormatter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final boolean date1904;

    /** @param date1904 the workbook counts dates from 1904 (old Mac Excel) instead of 1900 */
    IsoCellFormatter(boolean date1904) {
        this.date1904 = date1904;
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
        return formatRawCellContents(value, formatIndex, formatString, date1904);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
        if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
            return isoDate(value, formatString, use1904Windowing);
        }
        return plainNumber(value);
    }

    static String plainNumber(double value) {
        if (value == 0) {
            return "0"; // also -0.0
        }
        // Double.toString's shortest round-trip digits, as Excel stored them, without exponent or ".0"
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The date, the date and time, or the time alone, as the cell's format shows it. */
    static String isoDate(double value, String formatString, boolean use1904Windowing) {
        LocalDateTime dateTime = DateUtil.getLocalDateTime(value, use1904Windowing, true);
        String tokens = formatTokens(formatString);
        boolean time = tokens.indexOf('h') >= 0 || tokens.indexOf('s') >= 0;
        boolean date = tokens.indexOf('y') >= 0 || tokens.indexOf('d') >= 0 || (!time && tokens.indexOf('m') >= 0);
        if (time && !date) {
            return dateTime.format(TIME);
        }
        return dateTime.format(time ? DATE_TIME : DATE);
    }

    /** The format's letters without quoted literals, escapes and [bracketed] parts (locales, colours, [h]). */
    private static String formatTokens(String format) {
        StringBuilder tokens = new StringBuilder(format.length());
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (quoted) {
                quoted = c != '"';
            } else if (bracket) {
                if (c == ']') {
                    bracket = false;
                } else if (Character.toLowerCase(c) == 'h' || Character.toLowerCase(c) == 's') {
                    tokens.append(Character.toLowerCase(c)); // elapsed time [h]:mm:ss still shows a time
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                bracket = true;
            } else if (c == '\\' || c == '_' || c == '*') {
                i++; // the next character is a literal or padding
            } else {
                tokens.append(Character.toLowerCase(c));
            }
        }
        return tokens.toString();
    }
}
