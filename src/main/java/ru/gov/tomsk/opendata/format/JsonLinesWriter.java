package ru.gov.tomsk.opendata.format;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * What the JSON data formats share: an opening text, one compact object per record and line with {@code ,LF}
 * between them, and a closing text (after a line break when there were records).
 */
abstract class JsonLinesWriter extends FingerprintedDataWriter {

    final JsonGenerator json;
    final SerializedString[] names;
    private final FieldType[] types;
    private final String closing;
    private boolean empty = true;

    JsonLinesWriter(OutputStream out, Structure structure, String opening, String closing) throws IOException {
        super(out);
        this.json = Json.compact(this.out);
        this.names = structure.fields().stream().map(f -> new SerializedString(f.name())).toArray(SerializedString[]::new);
        this.types = structure.fields().stream().map(Field::type).toArray(FieldType[]::new);
        this.closing = closing;
        json.writeRaw(opening);
    }

    @Override
    public final void write(String[] values) throws IOException {
        DataRecords.checkWidth(values, names.length);
        if (!empty) {
            json.writeRaw(",\n");
        }
        empty = false;
        record(values);
    }

    /** One record's object. */
    abstract void record(String[] values) throws IOException;

    /** The field's name and its value, typed as the structure says. */
    final void field(int i, String[] values) throws IOException {
        json.writeFieldName(names[i]);
        Json.value(json, types[i], values[i]);
    }

    @Override
    final void end() throws IOException {
        json.writeRaw(empty ? closing : "\n" + closing);
    }

    @Override
    final void closeOutput() throws IOException {
        json.close();
    }
}
