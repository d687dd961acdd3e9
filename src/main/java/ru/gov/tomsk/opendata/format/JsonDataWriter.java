package ru.gov.tomsk.opendata.format;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * {@code data-*.json}: an array of objects keyed by field name (standard §6), one compact object per
 * line so that the file is greppable and diffable line by line. Every field is present in every
 * object, {@code null} when there is no value, which is what the JSON Schema's {@code required} says.
 */
public final class JsonDataWriter implements DataFileWriter {

    private final FingerprintedStream out;
    private final JsonGenerator json;
    private final SerializedString[] names;
    private final FieldType[] types;
    private boolean empty = true;
    private boolean closed;

    public JsonDataWriter(OutputStream out, Structure structure) throws IOException {
        this.out = new FingerprintedStream(out);
        this.json = Json.compact(this.out);
        this.names = structure.fields().stream().map(f -> new SerializedString(f.name())).toArray(SerializedString[]::new);
        this.types = structure.fields().stream().map(Field::type).toArray(FieldType[]::new);
        json.writeRaw("[\n");
    }

    @Override
    public void write(String[] values) throws IOException {
        DataRecords.checkWidth(values, names.length);
        if (!empty) {
            json.writeRaw(",\n");
        }
        empty = false;
        json.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            json.writeFieldName(names[i]);
            Json.value(json, types[i], values[i]);
        }
        json.writeEndObject();
    }

    @Override
    public String finish() throws IOException {
        json.writeRaw(empty ? "]\n" : "\n]\n");
        close();
        return out.hex();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            json.close();
        }
    }
}
