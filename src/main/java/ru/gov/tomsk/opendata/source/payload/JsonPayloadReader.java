package ru.gov.tomsk.opendata.source.payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * JSON: an array of objects, at the top level or under a dotted path of keys ({@code items},
 * {@code data.rows}), read with Jackson's streaming parser one object at a time; whatever surrounds the array
 * (paging, totals, metadata) is skipped without being kept.
 *
 * <p>Each object is a record, its keys the columns in the order written. Strings are taken as they are, numbers
 * as their text exactly as written ({@code 1.50} stays {@code 1.50}: the structure's type decides what it is),
 * {@code true}/{@code false} as those words, {@code null} as no value. A nested object or array becomes its
 * compact JSON text rather than an error: APIs routinely carry nested parts (geometry, phone lists) in columns
 * the feed does not use, and the pipeline ignores unmapped columns; a feed that maps one gets the JSON text.
 */
public final class JsonPayloadReader implements PayloadReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_VALUE_CHARS).build())
            // a repeated key makes a record ambiguous: which value would be published?
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // parser messages must not quote the payload beyond a short excerpt
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(PayloadException.EXCERPT_CHARS)
                    .maxRawContentLength(PayloadException.EXCERPT_CHARS)
                    .build())
            .build();

    private final List<String> path;

    /** @param path dotted keys leading to the records array; {@code null} or empty for a top-level array */
    public JsonPayloadReader(String path) {
        this.path = segments(path);
    }

    @Override
    public RecordStream open(InputStream in, String sourceName) {
        JsonParser parser = null;
        try {
            parser = FACTORY.createParser(in);
            navigate(parser, sourceName);
            return new JsonRecords(sourceName, parser, path.isEmpty() ? "" : String.join(".", path));
        } catch (RuntimeException | IOException e) {
            try {
                if (parser != null) {
                    parser.close();
                } else {
                    in.close();
                }
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw translate(e, sourceName, "the path to the records", parser);
        }
    }

    /** Leaves the parser on the START_ARRAY of the records. */
    private void navigate(JsonParser parser, String sourceName) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new PayloadException(sourceName + ": the document is empty");
        }
        for (int i = 0; i < path.size(); i++) {
            String where = i == 0 ? "the top level" : "'" + String.join(".", path.subList(0, i)) + "'";
            if (token != JsonToken.START_OBJECT) {
                throw new PayloadException(sourceName + ": " + at(parser) + ": " + where + " is " + describe(token)
                        + ", expected an object with the key '" + path.get(i) + "' (option path: "
                        + String.join(".", path) + ")");
            }
            List<String> keys = new ArrayList<>();
            boolean found = false;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                token = parser.nextToken();
                if (key.equals(path.get(i))) {
                    found = true;
                    break;
                }
                if (keys.size() < 20) {
                    keys.add(key);
                }
                parser.skipChildren();
            }
            if (!found) {
                throw new PayloadException(sourceName + ": " + where + " has no key '" + path.get(i) + "' (option path: "
                        + String.join(".", path) + "); its keys: " + String.join(", ", keys));
            }
        }
        if (token == JsonToken.START_ARRAY) {
            return;
        }
        if (path.isEmpty() && token == JsonToken.START_OBJECT) {
            throw new PayloadException(sourceName + ": the top level is an object, not an array of records;"
                    + " set the option path to the key of the array" + arrayKeys(parser));
        }
        throw new PayloadException(sourceName + ": " + at(parser) + ": "
                + (path.isEmpty() ? "the top level" : "'" + String.join(".", path) + "'") + " is " + describe(token)
                + ", expected an array of records");
    }

    /** The top-level keys that hold arrays, as a hint for the option path. */
    private static String arrayKeys(JsonParser parser) throws IOException {
        List<String> keys = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (parser.nextToken() == JsonToken.START_ARRAY && keys.size() < 10) {
                keys.add(key);
            }
            parser.skipChildren();
        }
        return keys.isEmpty() ? "" : " (keys holding arrays: " + String.join(", ", keys) + ")";
    }

    /** @param parser where to take the place from when the exception has none; may be {@code null} */
    static RuntimeException translate(Exception e, String sourceName, String where, JsonParser parser) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof StreamConstraintsException limit) {
            // Jackson's limit messages carry no location and speak of its own configuration
            JsonLocation location = limit.getLocation() != null ? limit.getLocation()
                    : parser == null ? null : parser.currentLocation();
            String what = String.valueOf(limit.getOriginalMessage()).startsWith("String value length")
                    ? "a value is longer than " + MAX_VALUE_CHARS + " characters"
                    : limit.getOriginalMessage();
            return new PayloadException(sourceName + ": " + at(location) + " (in " + where + "): " + what, e);
        }
        if (e instanceof JsonProcessingException json) {
            return new PayloadException(sourceName + ": malformed JSON at " + at(json.getLocation()) + " (in " + where
                    + "): " + json.getOriginalMessage(), e);
        }
        return new UncheckedIOException(sourceName + ": cannot read the payload: " + e.getMessage(), (IOException) e);
    }

    private static String at(JsonParser parser) {
        return at(parser.currentTokenLocation());
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "an unknown place";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "missing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static List<String> segments(String path) {
        if (path == null || path.isBlank()) {
            return List.of();
        }
        List<String> segments = List.of(path.strip().split("\\.", -1));
        if (segments.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("option 'path' must be keys joined by dots, e.g. items or data.rows;"
                    + " got '" + path + "'");
        }
        return segments;
    }

    /** The objects of the records array, one parsed per {@link #next()}. */
    private static final class JsonRecords extends AbstractRecordStream {

        private final JsonParser parser;
        private final String arrayPath;
        private long index = -1;
        private boolean afterArray;

        JsonRecords(String sourceName, JsonParser parser, String arrayPath) {
            super(sourceName);
            this.parser = parser;
            this.arrayPath = arrayPath;
        }

        @Override
        protected Map<String, Object> read() throws IOException {
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    afterArray = true;
                    finish();
                    return null;
                }
                index++;
                if (token != JsonToken.START_OBJECT) {
                    throw new PayloadException(sourceName() + ": " + at(parser) + ": " + element() + " (record "
                            + (index + 1) + ") is " + describe(token) + ", expected an object");
                }
                Map<String, Object> record = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    record.put(key, value(parser.nextToken(), key));
                }
                return record;
            } catch (IOException e) {
                throw translate(e, sourceName(), afterArray ? "the rest of the document after the records"
                        : index < 0 ? "the records array" : element(), parser);
            }
        }

        private Object value(JsonToken token, String key) throws IOException {
            return switch (token) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> null;
                case START_OBJECT, START_ARRAY -> nestedText(key);
                default -> throw new PayloadException(sourceName() + ": " + at(parser) + ": " + element() + "." + key
                        + " is " + describe(token));
            };
        }

        /** A nested object or array as compact JSON, copied token by token with the same length limit. */
        private String nestedText(String key) throws IOException {
            LimitedWriter text = new LimitedWriter();
            try (JsonGenerator generator = FACTORY.createGenerator(text)) {
                generator.copyCurrentStructure(parser);
            } catch (LimitedWriter.TooLong e) {
                throw new PayloadException(sourceName() + ": " + at(parser) + ": " + element() + "." + key
                        + " (record " + (index + 1) + ") is longer than " + MAX_VALUE_CHARS + " characters as JSON text");
            }
            return text.toString();
        }

        /** Reads past the array to the end, so a document broken after the records still fails the run. */
        private void finish() throws IOException {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isStructStart()) {
                    parser.skipChildren();
                }
            }
        }

        private String element() {
            // JSONPath-like, 0-based like the array itself; messages add the 1-based record number
            return (arrayPath.isEmpty() ? "$" : arrayPath) + "[" + index + "]";
        }

        @Override
        protected void release() throws IOException {
            parser.close();
        }
    }

    /** Collects text up to {@link PayloadReader#MAX_VALUE_CHARS}, then refuses, so a huge nested part is not kept. */
    private static final class LimitedWriter extends Writer {

        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (text.length() + length > MAX_VALUE_CHARS) {
                throw new TooLong();
            }
            text.append(chars, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }

        static final class TooLong extends IOException {
            TooLong() {
                super("longer than " + MAX_VALUE_CHARS + " characters");
            }
        }
    }
}
