package ru.gov.tomsk.opendata.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import ru.gov.tomsk.opendata.dataset.FieldType;

/**
 * The JSON conventions of every published file: UTF-8 without BOM, non-ASCII written as is, LF.
 * Small documents are pretty-printed in the layout of {@code JSON.stringify(value, null, 2)}
 * ({@code "key": value}, two-space indent, one array element per line, {@code []} and {@code {}} when
 * empty) because that is the layout people and diff tools already know; data files are compact, one
 * record per line, with the line breaks placed by the writers themselves.
 */
final class Json {

    /**
     * Without a root value separator, so that the data writers can emit records as consecutive root
     * values and put exactly {@code ,LF} between them (Jackson's default would add a space). Combining
     * surrogates, because Jackson 2 otherwise escapes every character outside the BMP (emoji, rare
     * CJK) as an escaped surrogate pair while writing all other non-ASCII text as is.
     */
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private Json() {
    }

    /** A compact generator that closes {@code out} when it is closed. */
    static JsonGenerator compact(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    /** One pretty-printed JSON document with a trailing LF. */
    static byte[] render(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            // the printer keeps the nesting depth, so every document needs its own instance
            json.setPrettyPrinter(PRETTY.createInstance());
            body.write(json);
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A canonical value as the JSON type its field type maps to; numbers keep their exact canonical digits. */
    static void value(JsonGenerator json, FieldType type, String value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (type) {
            case INTEGER, NUMBER, DOUBLE -> json.writeNumber(value);
            case BOOLEAN -> json.writeBoolean(bool(value));
            case STRING, DATE, DATETIME -> json.writeString(value);
        }
    }

    private static boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            // Boolean.parseBoolean would publish any other text as false
            default -> throw new IllegalArgumentException("not a canonical boolean: '" + value + "'");
        };
    }
}
