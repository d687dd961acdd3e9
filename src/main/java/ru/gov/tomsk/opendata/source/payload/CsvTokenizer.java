package ru.gov.tomsk.opendata.source.payload;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records of fields (RFC 4180): a field in quotes may hold separators, line breaks and
 * doubled quotes. Line breaks are CRLF, LF or a lone CR (old Mac exports). Lines that are completely empty are
 * skipped: spreadsheets leave them at the end of a file and they carry no record.
 *
 * <p>Lenient where files in the wild are harmlessly irregular (a quote inside an unquoted field is a plain
 * character), strict where the text is ambiguous (text after a closing quote, a quote never closed).
 */
final class CsvTokenizer {

    private final Reader in;
    private final char separator;
    private final char quote;
    private final String sourceName;
    private final char[] buffer = new char[64 * 1024];
    private final StringBuilder field = new StringBuilder();
    private int position;
    private int limit;
    /** The physical line of the next character to read, 1-based. */
    private long line = 1;
    private long recordLine;
    /** Records returned so far: the header is record 0. */
    private long records = -1;
    private int expectedFields = 8;

    CsvTokenizer(Reader in, char separator, char quote, String sourceName) {
        this.in = in;
        this.separator = separator;
        this.quote = quote;
        this.sourceName = sourceName;
    }

    /** The next record's fields (an empty field is {@code null}), or {@code null} at the end of the input. */
    List<String> next() throws IOException {
        while (peek() == '\r' || peek() == '\n') {
            lineBreak(read());
        }
        if (peek() == -1) {
            return null;
        }
        records++;
        recordLine = line;
        List<String> fields = new ArrayList<>(expectedFields);
        field.setLength(0);
        boolean quoted = false;
        boolean inQuotes = false;
        long quoteLine = 0;
        while (true) {
            int c = read();
            if (inQuotes) {
                if (c == -1) {
                    throw new PayloadException(sourceName + ": " + location() + ": the file ends inside the quoted"
                            + " field " + (fields.size() + 1) + " that opens on line " + quoteLine
                            + " (a quote is missing)");
                }
                if (c == quote) {
                    if (peek() == quote) {
                        read();
                        append(quote, fields.size());
                    } else {
                        inQuotes = false;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    append((char) c, fields.size());
                }
            } else if (c == separator) {
                fields.add(value());
                quoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                lineBreak(c);
                fields.add(value());
                expectedFields = fields.size();
                return fields;
            } else if (quoted) {
                throw new PayloadException(sourceName + ": " + location() + ": field " + (fields.size() + 1)
                        + " has text after its closing quote, " + PayloadException.excerpt(field + "\"" + (char) c)
                        + " (a quote inside a quoted field must be doubled: \"\")");
            } else if (c == quote && field.isEmpty()) {
                inQuotes = true;
                quoted = true;
                quoteLine = line;
            } else {
                append((char) c, fields.size());
            }
        }
    }

    /** Where the current record is, for messages: "line 14 (record 13)", the header being "line 1 (header)". */
    String location() {
        return "line " + recordLine + (records <= 0 ? " (header)" : " (record " + records + ")");
    }

    /** The line the current record starts on. */
    long recordLine() {
        return recordLine;
    }

    /** The physical line the reader has reached; for errors found below the tokenizer (charset). */
    long line() {
        return line;
    }

    private void lineBreak(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c != -1) {
            line++;
        }
    }

    private String value() {
        // empty is "no value" whether quoted or not: exports quote empty text inconsistently
        String value = field.isEmpty() ? null : field.toString();
        field.setLength(0);
        return value;
    }

    private void append(char c, int index) {
        if (field.length() >= PayloadReader.MAX_VALUE_CHARS) {
            throw new PayloadException(sourceName + ": " + location() + ": field " + (index + 1) + " is longer than "
                    + PayloadReader.MAX_VALUE_CHARS + " characters, starting " + PayloadException.excerpt(field.substring(0, PayloadException.EXCERPT_CHARS + 1))
                    + " (an unclosed quote?)");
        }
        field.append(c);
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
