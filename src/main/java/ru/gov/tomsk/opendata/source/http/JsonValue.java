package ru.gov.tomsk.opendata.source.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * One scalar of a JSON page, found by streaming (the records around it are skipped, never built as a tree):
 * the next link or the cursor. The path is dotted keys ({@code meta.next_cursor}) or, for keys that contain
 * dots, a JSON pointer ({@code /@odata.nextLink}, RFC 6901, where array indexes are allowed too).
 */
final class JsonValue {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // parser messages must not quote the page: it may hold personal data
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(80).maxRawContentLength(80).build())
            .build();

    private JsonValue() {
    }

    /** The keys of a path option; {@code option} names it in messages. */
    static List<String> segments(String path, String option) {
        List<String> segments = new ArrayList<>();
        if (path.startsWith("/")) {
            for (String token : path.substring(1).split("/", -1)) {
                segments.add(token.replace("~1", "/").replace("~0", "~"));
            }
        } else {
            for (String key : path.split("\\.", -1)) {
                if (key.isBlank()) {
                    throw new IllegalArgumentException("option '" + option + "' must be keys joined by dots (meta.next)"
                            + " or a JSON pointer (/meta/next); got '" + path + "'");
                }
                segments.add(key);
            }
        }
        return segments;
    }

    /**
     * The text of the value at the path: a string or a number as written. Empty when the path is missing, or the
     * value is {@code null}, {@code false} or blank (APIs write all of these for "no next page").
     *
     * @throws HttpSourceException when the JSON is malformed or the value is an object or array
     */
    static Optional<String> find(byte[] json, List<String> segments, String option, String sourceName) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken token = parser.nextToken();
            for (String segment : segments) {
                if (token == JsonToken.START_OBJECT) {
                    token = field(parser, segment);
                } else if (token == JsonToken.START_ARRAY && segment.matches("\\d{1,9}")) {
                    token = element(parser, Integer.parseInt(segment));
                } else {
                    return Optional.empty();
                }
                if (token == null) {
                    return Optional.empty();
                }
            }
            if (token == null) {
                return Optional.empty();
            }
            return switch (token) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                        Optional.of(parser.getText().strip()).filter(text -> !text.isEmpty());
                case VALUE_NULL, VALUE_FALSE -> Optional.empty();
                default -> throw new HttpSourceException(sourceName + ": option " + option + " points at "
                        + (token.isStructStart() ? "an object or array" : token.asString()) + ", expected a text value");
            };
        } catch (JsonProcessingException e) {
            throw new HttpSourceException(sourceName + ": malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            // a byte array cannot fail to read; kept for the checked signature
            throw new HttpSourceException(sourceName + ": cannot read the page: " + e.getMessage());
        }
    }

    /** Moves to the value of {@code key} in the current object; {@code null} when it has none. */
    private static JsonToken field(JsonParser parser, String key) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals(key)) {
                return value;
            }
            parser.skipChildren();
        }
        return null;
    }

    private static JsonToken element(JsonParser parser, int index) throws IOException {
        JsonToken token;
        for (int i = 0; (token = parser.nextToken()) != JsonToken.END_ARRAY && token != null; i++) {
            if (i == index) {
                return token;
            }
            parser.skipChildren();
        }
        return null;
    }
}
