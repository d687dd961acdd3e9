package ru.gov.tomsk.opendata.source.payload;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ru.gov.tomsk.opendata.format.CsvReader;

/**
 * CSV with a header line. Charset and separator are detected unless the feed sets them: the charset from a BOM
 * or the validity of the first 64 KiB as UTF-8 (else Windows-1251, see {@link CsvCharsets}); the separator by
 * counting {@code ,}, {@code ;} and TAB outside quotes in the header line (Russian Excel writes {@code ;}).
 * Every record must have as many fields as the header: a ragged row means the columns have shifted, and mapping
 * it by position would publish values under the wrong fields. The text itself is split by {@link CsvReader}, strict,
 * blank lines skipped, fields up to {@link PayloadReader#MAX_VALUE_CHARS} characters; an empty field is no value,
 * quoted or not (exports quote empty text inconsistently).
 */
public final class CsvPayloadReader implements PayloadReader {

    private final Character separator;
    private final char quote;
    private final Charset charset;

    /** Detects charset and separator; quote {@code "}. */
    public CsvPayloadReader() {
        this(null, '"', null);
    }

    /**
     * @param separator {@code null} to detect among {@code ,}, {@code ;} and TAB
     * @param charset   {@code null} to detect UTF-8 (with or without BOM) or Windows-1251
     */
    public CsvPayloadReader(Character separator, char quote, Charset charset) {
        if (separator != null && (separator == quote || separator == '\r' || separator == '\n')) {
            throw new IllegalArgumentException("the CSV separator cannot be " + describe(separator));
        }
        if (quote == '\r' || quote == '\n') {
            throw new IllegalArgumentException("the CSV quote cannot be a line break");
        }
        this.separator = separator;
        this.quote = quote;
        this.charset = charset;
    }

    @Override
    public RecordStream open(InputStream in, String sourceName) {
        CsvReader csv = null;
        Charset resolved = null;
        try {
            BufferedInputStream bytes = new BufferedInputStream(in, CsvCharsets.SAMPLE_BYTES + 16);
            resolved = CsvCharsets.resolve(bytes, charset, sourceName);
            BufferedReader text = new BufferedReader(
                    new InputStreamReader(bytes, CsvCharsets.strictDecoder(resolved)), 64 * 1024);
            char sep = separator != null ? separator : detectSeparator(text, quote, sourceName);
            csv = new CsvReader(text).named(sourceName).separator(sep).quote(quote).skippingBlankLines()
                    .maxFieldChars(MAX_VALUE_CHARS);
            List<String> raw = csv.nextRecord();
            if (raw == null) {
                throw new PayloadException(sourceName + ": the file is empty; a CSV payload starts with a header line");
            }
            List<String> header = Header.names(raw, sourceName + ": line " + csv.recordLine(),
                    i -> "column " + (i + 1));
            return new CsvRecords(sourceName, in, csv, header, resolved);
        } catch (CharacterCodingException e) {
            closeQuietly(in, e);
            throw undecodable(sourceName, csv == null ? 1 : csv.line(), resolved, e);
        } catch (CsvReader.Malformed e) {
            closeQuietly(in, e);
            throw new PayloadException(e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw new UncheckedIOException(sourceName + ": cannot read the payload: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    /**
     * The separator the header line uses: the most frequent of {@code ,} {@code ;} TAB outside quotes. A tie
     * (e.g. "Адрес; г. Томск, ул. Ленина" as a heading) cannot be decided and asks the feed to say.
     */
    static char detectSeparator(BufferedReader text, char quote, String sourceName) throws IOException {
        text.mark(PayloadReader.MAX_VALUE_CHARS + 2);
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean inQuotes = false;
        boolean started = false;
        for (int read = 0; read <= PayloadReader.MAX_VALUE_CHARS; read++) {
            int c = text.read();
            if (c == -1) {
                break;
            }
            if (c == '\r' || c == '\n') {
                if (!started) {
                    continue; // blank lines before the header are skipped by the reader too
                }
                if (!inQuotes) {
                    break;
                }
            }
            started = true;
            if (c == quote) {
                inQuotes = !inQuotes;
            } else if (!inQuotes) {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
        }
        text.reset();
        int best = Math.max(commas, Math.max(semicolons, tabs));
        if (best == 0) {
            return ','; // one column: any separator reads it the same
        }
        int winners = (commas == best ? 1 : 0) + (semicolons == best ? 1 : 0) + (tabs == best ? 1 : 0);
        if (winners > 1) {
            throw new PayloadException(sourceName + ": line 1 (header): cannot tell the separator: the header has "
                    + commas + " ',', " + semicolons + " ';' and " + tabs + " TAB outside quotes;"
                    + " set the option separator (\",\", \";\" or tab)");
        }
        return commas == best ? ',' : semicolons == best ? ';' : '\t';
    }

    static PayloadException undecodable(String sourceName, long line, Charset charset, CharacterCodingException e) {
        String name = charset == null ? "the charset" : charset.name().toLowerCase();
        String hint = StandardCharsets.UTF_8.equals(charset)
                ? "; if the file is in Windows Cyrillic, set the option charset: windows-1251"
                : "; check the option charset";
        return new PayloadException("Файл с данными не принят: он сохранён не в той кодировке, что ожидалась ("
                + name + "). Сохраните его в UTF-8 или укажите в описании набора его кодировку (charset: windows-1251 "
                + "для файлов Excel «CSV (разделители — запятые)»).",
                sourceName + ": near line " + line + ": bytes that are not valid " + name + hint, e);
    }

    private static String describe(char c) {
        return c == '\t' ? "TAB" : c == '\r' || c == '\n' ? "a line break" : "the quote character '" + c + "'";
    }

    private static void closeQuietly(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The records after the header, each checked against the header's width. */
    private static final class CsvRecords extends AbstractRecordStream {

        private final InputStream in;
        private final CsvReader csv;
        private final List<String> header;
        private final Charset charset;

        CsvRecords(String sourceName, InputStream in, CsvReader csv, List<String> header, Charset charset) {
            super(sourceName);
            this.in = in;
            this.csv = csv;
            this.header = header;
            this.charset = charset;
        }

        @Override
        protected Map<String, Object> read() throws IOException {
            List<String> fields;
            try {
                fields = csv.nextRecord();
            } catch (CharacterCodingException e) {
                throw undecodable(sourceName(), csv.line(), charset, e);
            } catch (CsvReader.Malformed e) {
                throw new PayloadException(e.getMessage(), e);
            }
            if (fields == null) {
                return null;
            }
            if (fields.size() != header.size()) {
                throw new PayloadException(sourceName() + ": " + csv.location() + ": " + fields.size()
                        + (fields.size() == 1 ? " field" : " fields") + ", the header has " + header.size());
            }
            Map<String, Object> record = new LinkedHashMap<>(header.size() * 4 / 3 + 1);
            for (int i = 0; i < fields.size(); i++) {
                String value = fields.get(i);
                record.put(header.get(i), value == null || value.isEmpty() ? null : value);
            }
            return record;
        }

        @Override
        protected void release() throws IOException {
            in.close();
        }
    }
}
