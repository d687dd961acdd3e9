package ru.gov.tomsk.opendata.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The one CSV reader of the service (RFC 4180): the published files read back, the passport page's preview and
 * CSV payloads all go through it. A field in quotes may hold separators, line breaks and doubled quotes; line
 * breaks are CRLF, LF or a lone CR (old Mac exports); a leading byte order mark is skipped. A quote inside an
 * unquoted field is a plain character: files in the wild have them and they are not ambiguous.
 *
 * <p>An empty unquoted field reads as {@code null} ("empty field = no value", as {@link CsvWriter} writes it), an
 * empty quoted one as {@code ""}. Work per record is bounded whatever the file: a field longer than
 * {@link #maxFieldChars(int)} and a record with more than {@link #MAX_FIELDS} fields are refused (or, for a
 * preview, the field is {@link #cutFieldsAt(int) cut}), so a hostile or broken file cannot exhaust memory.
 * Errors name the place: {@code <name>: line 14 (record 13): …}, the first record being the header.
 *
 * <p>The dialect is set before the first record: {@link #separator(char)}, {@link #quote(char)},
 * {@link #skippingBlankLines()}, {@link #lenient()}.
 */
public final class CsvReader implements Closeable {

    /** The longest field read by default, in characters: the longest value a source may deliver. */
    public static final int MAX_FIELD_CHARS = 1_000_000;
    /** The most fields a record may have: far more than any structure, far fewer than would fill the heap. */
    public static final int MAX_FIELDS = 10_000;
    private static final int EXCERPT_CHARS = 80;

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private final StringBuilder field = new StringBuilder();
    private int position;
    private int limit;
    private String name = "CSV";
    private char separator = ',';
    private char quote = '"';
    private boolean skipBlankLines;
    private boolean lenient;
    private int maxFieldChars = MAX_FIELD_CHARS;
    private int cutAt = -1;
    private boolean cut;
    private boolean started;
    /** The physical line of the next character to read, 1-based. */
    private long line = 1;
    private long recordLine = 1;
    /** Records returned so far: the header is record 0. */
    private long records = -1;

    /** Reads {@code in} as {@link CsvWriter} writes: comma, double quote, fields up to {@value #MAX_FIELD_CHARS} characters. */
    public CsvReader(Reader in) {
        this.in = in;
    }

    /** What messages call the input, e.g. the file name. */
    public CsvReader named(String name) {
        this.name = name;
        return this;
    }

    public CsvReader separator(char separator) {
        if (separator == '\r' || separator == '\n' || separator == quote) {
            throw new IllegalArgumentException("the CSV separator cannot be a line break or the quote");
        }
        this.separator = separator;
        return this;
    }

    public CsvReader quote(char quote) {
        if (quote == '\r' || quote == '\n' || quote == separator) {
            throw new IllegalArgumentException("the CSV quote cannot be a line break or the separator");
        }
        this.quote = quote;
        return this;
    }

    /** Lines that are completely empty carry no record (spreadsheets leave them at the end of a file). */
    public CsvReader skippingBlankLines() {
        this.skipBlankLines = true;
        return this;
    }

    /**
     * Shows what is there rather than failing: text after a closing quote is kept, and a file that ends inside
     * quotes ends its last field there. For a preview, never for reading data.
     */
    public CsvReader lenient() {
        this.lenient = true;
        return this;
    }

    /** Refuses a field longer than this many characters. */
    public CsvReader maxFieldChars(int chars) {
        this.maxFieldChars = chars;
        return this;
    }

    /** Keeps at most this many characters of a field and ends a longer one with "…", skipping the rest unkept. */
    public CsvReader cutFieldsAt(int chars) {
        this.cutAt = chars;
        return this;
    }

    /** The next record's fields, or {@code null} at the end of the input. */
    public List<String> nextRecord() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (skipBlankLines && (peek() == '\r' || peek() == '\n')) {
            lineBreak(read());
        }
        if (peek() == -1) {
            return null;
        }
        records++;
        recordLine = line;
        List<String> fields = new ArrayList<>();
        clearField();
        boolean quoted = false;
        boolean inQuotes = false;
        long quoteLine = 0;
        while (true) {
            int c = read();
            if (inQuotes) {
                if (c == -1) {
                    if (lenient) {
                        fields.add(value(true));
                        return fields;
                    }
                    throw new Malformed(here() + ": the file ends inside the quoted field " + (fields.size() + 1)
                            + " that opens on line " + quoteLine + " (a quote is missing)");
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
                add(fields, value(quoted));
                quoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                lineBreak(c);
                add(fields, value(quoted));
                return fields;
            } else if (quoted && !lenient) {
                throw new Malformed(here() + ": field " + (fields.size() + 1) + " has text after its closing quote, "
                        + excerpt(field + String.valueOf(quote) + (char) c) + " (a quote inside a quoted field must be"
                        + " doubled: " + quote + quote + ")");
            } else if (c == quote && field.isEmpty() && !quoted) {
                inQuotes = true;
                quoted = true;
                quoteLine = line;
            } else {
                append((char) c, fields.size());
            }
        }
    }

    /** {@link #nextRecord()} as an array, for readers of published files. */
    public String[] next() throws IOException {
        List<String> record = nextRecord();
        return record == null ? null : record.toArray(String[]::new);
    }

    /** Whether there is input after the last record read (a preview's "more"). */
    public boolean hasMore() throws IOException {
        return peek() != -1;
    }

    /** Where the current record is, for messages: "line 14 (record 13)", the header being "line 1 (header)". */
    public String location() {
        return "line " + recordLine + (records <= 0 ? " (header)" : " (record " + records + ")");
    }

    /** The line the current record starts on. */
    public long recordLine() {
        return recordLine;
    }

    /** The physical line the reader has reached; for errors found below the reader (charset). */
    public long line() {
        return line;
    }

    private String here() {
        return name + ": " + location();
    }

    private void add(List<String> fields, String value) throws Malformed {
        if (fields.size() == MAX_FIELDS) {
            throw new Malformed(here() + ": more than " + MAX_FIELDS + " fields (is the separator right?)");
        }
        fields.add(value);
    }

    private void lineBreak(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c != -1) {
            line++;
        }
    }

    private String value(boolean quoted) {
        String value = field.isEmpty() && !quoted ? null : cut ? field + "…" : field.toString();
        clearField();
        return value;
    }

    private void clearField() {
        field.setLength(0);
        cut = false;
    }

    private void append(char c, int index) throws Malformed {
        if (cutAt >= 0 && field.length() >= cutAt) {
            cut = true;
            return;
        }
        if (field.length() >= maxFieldChars) {
            throw new Malformed(here() + ": field " + (index + 1) + " is longer than " + maxFieldChars
                    + " characters, starting " + excerpt(field.substring(0, Math.min(field.length(), EXCERPT_CHARS + 1)))
                    + " (an unclosed quote?)");
        }
        field.append(c);
    }

    /** A value shortened for a message: never a whole (possibly huge or personal) value, line breaks visible. */
    private static String excerpt(String value) {
        String shown = value.length() <= EXCERPT_CHARS ? value : value.substring(0, EXCERPT_CHARS) + "…";
        return "'" + shown.replace("\r", "\\r").replace("\n", "\\n") + "'";
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

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Text that is not CSV as this reader was set to read it; the message names the input and the place. */
    public static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }
}
