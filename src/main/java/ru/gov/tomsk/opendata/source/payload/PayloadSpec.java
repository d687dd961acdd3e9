package ru.gov.tomsk.opendata.source.payload;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to read a payload: its format and that format's options, as a feed states them.
 *
 * @param format     the payload's format
 * @param separator  CSV: {@code ,} {@code ;} or TAB; {@code null} to detect from the header line
 * @param quote      CSV: the quote character, {@code "} unless stated
 * @param charset    CSV: {@code null} to detect UTF-8 (with or without BOM) or Windows-1251
 * @param path       JSON: dotted keys to the records array ({@code items}, {@code data.rows}); {@code null} for
 *                   a top-level array
 * @param recordPath XML: slash path from the root to the record elements, e.g.
 *                   {@code export/organisations/organisation}; required for XML
 * @param sheet      XLSX: the worksheet's name; {@code null} for the first sheet
 */
public record PayloadSpec(PayloadFormat format, Character separator, char quote, Charset charset, String path,
                          String recordPath, String sheet) {

    /** The option words a feed may use, and the formats each applies to. */
    private static final Map<String, List<PayloadFormat>> OPTIONS = options();

    public PayloadSpec {
        Objects.requireNonNull(format, "format");
        path = blankToNull(path);
        recordPath = blankToNull(recordPath);
        sheet = blankToNull(sheet);
        if (separator != null && separator == quote) {
            throw new IllegalArgumentException("options 'separator' and 'quote' cannot be the same character, '"
                    + quote + "'");
        }
        if (format == PayloadFormat.XML) {
            XmlPayloadReader.segments(recordPath); // required and well-formed: a typo should fail at validation
        }
    }

    /** CSV with charset and separator detected. */
    public static PayloadSpec csv() {
        return new PayloadSpec(PayloadFormat.CSV, null, '"', null, null, null, null);
    }

    /**
     * Parses a feed's payload options. Words that are not payload options are left alone (they belong to the
     * source kind: host, directory, credentials); a payload option that does not apply to the chosen format is
     * refused, since it signals a mistaken format or option, unless it only states the default ("auto", '"').
     *
     * <p>Words: {@code format} (csv, json, xml, xlsx; required), {@code separator} (",", ";", "tab" or auto),
     * {@code quote} (one character), {@code charset} (utf-8, windows-1251 or auto), {@code path},
     * {@code recordPath}, {@code sheet}.
     *
     * @throws IllegalArgumentException naming the option and the values it accepts
     */
    public static PayloadSpec of(Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        String formatWord = options.get("format");
        if (formatWord == null || formatWord.isBlank()) {
            throw new IllegalArgumentException("option 'format' is required: one of " + PayloadFormat.words());
        }
        PayloadFormat format = PayloadFormat.fromWord(formatWord).orElseThrow(() -> new IllegalArgumentException(
                "option 'format' must be one of " + PayloadFormat.words() + "; got '" + formatWord + "'"));
        OPTIONS.forEach((option, formats) -> {
            String value = options.get(option);
            // a documented default ("auto", the '"' quote) changes nothing, so it is no mistake even off-format
            boolean meaningful = value != null && !value.isBlank() && !value.equalsIgnoreCase("auto")
                    && !(option.equals("quote") && value.equals("\""));
            if (meaningful && !formats.contains(format)) {
                throw new IllegalArgumentException("option '" + option + "' applies to format "
                        + formats.stream().map(PayloadFormat::word).reduce((a, b) -> a + ", " + b).orElseThrow()
                        + ", not " + format.word());
            }
        });
        return new PayloadSpec(format, separator(options.get("separator")), quote(options.get("quote")),
                charset(options.get("charset")), options.get("path"), options.get("recordPath"), options.get("sheet"));
    }

    /** The reader for this payload. */
    public PayloadReader reader() {
        return switch (format) {
            case CSV -> new CsvPayloadReader(separator, quote, charset);
            case JSON -> new JsonPayloadReader(path);
            case XML -> new XmlPayloadReader(recordPath);
            case XLSX -> new XlsxPayloadReader(sheet);
        };
    }

    private static Character separator(String word) {
        if (word == null || word.equalsIgnoreCase("auto")) {
            return null;
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "tab", "\t" -> '\t';
            default -> throw new IllegalArgumentException("option 'separator' must be \",\", \";\", tab or auto;"
                    + " got '" + word + "'");
        };
    }

    private static char quote(String word) {
        if (word == null) {
            return '"';
        }
        if (word.length() != 1 || word.charAt(0) == '\r' || word.charAt(0) == '\n') {
            throw new IllegalArgumentException("option 'quote' must be one character, e.g. '\"'; got '" + word + "'");
        }
        return word.charAt(0);
    }

    private static Charset charset(String word) {
        if (word == null) {
            return null;
        }
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "windows-1251", "cp1251" -> CsvCharsets.WINDOWS_1251;
            default -> throw new IllegalArgumentException("option 'charset' must be utf-8, windows-1251 or auto;"
                    + " got '" + word + "'");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, List<PayloadFormat>> options() {
        Map<String, List<PayloadFormat>> options = new LinkedHashMap<>();
        options.put("separator", List.of(PayloadFormat.CSV));
        options.put("quote", List.of(PayloadFormat.CSV));
        options.put("charset", List.of(PayloadFormat.CSV));
        options.put("path", List.of(PayloadFormat.JSON));
        options.put("recordPath", List.of(PayloadFormat.XML));
        options.put("sheet", List.of(PayloadFormat.XLSX));
        return options;
    }
}
