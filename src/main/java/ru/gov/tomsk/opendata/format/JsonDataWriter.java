package ru.gov.tomsk.opendata.format;

import java.io.IOException;
import java.io.OutputStream;

import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * {@code data-*.json}: an array of objects keyed by field name (standard §6), one compact object per
 * line so that the file is greppable and diffable line by line. Every field is present in every
 * object, {@code null} when there is no value, which is what the JSON Schema's {@code required} says.
 */
public final class JsonDataWriter extends JsonLinesWriter {

    public JsonDataWriter(OutputStream out, Structure structure) throws IOException {
        super(out, structure, "[\n", "]\n");
    }

    @Override
    void record(String[] values) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            field(i, values);
        }
        json.writeEndObject();
    }
}
