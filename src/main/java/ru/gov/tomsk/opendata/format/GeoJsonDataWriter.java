package ru.gov.tomsk.opendata.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * {@code data-*.geojson} (RFC 7946), our addition for map clients (standard §8): one Point feature
 * per record, one feature per line. The coordinate fields become the geometry, in GeoJSON's
 * [longitude, latitude] order, and every other field a property. A record without both coordinates
 * is kept with a {@code null} geometry rather than dropped, so that the feature count matches the
 * other formats.
 */
public final class GeoJsonDataWriter implements DataFileWriter {

    private final FingerprintedStream out;
    private final JsonGenerator json;
    private final int latitude;
    private final int longitude;
    private final int[] properties;
    private final SerializedString[] names;
    private final FieldType[] types;
    private boolean empty = true;
    private boolean closed;

    /** @throws IllegalArgumentException if the structure has no coordinates */
    public GeoJsonDataWriter(OutputStream out, Structure structure) throws IOException {
        if (structure.geo() == null) {
            throw new IllegalArgumentException("GeoJSON needs a structure with latitude and longitude fields (geo)");
        }
        this.latitude = DataRecords.fieldIndex(structure, structure.geo().latitude(), "latitude");
        this.longitude = DataRecords.fieldIndex(structure, structure.geo().longitude(), "longitude");
        this.names = structure.fields().stream().map(f -> new SerializedString(f.name())).toArray(SerializedString[]::new);
        this.types = structure.fields().stream().map(Field::type).toArray(FieldType[]::new);
        this.properties = IntStream.range(0, names.length)
                .filter(i -> i != latitude && i != longitude).toArray();
        this.out = new FingerprintedStream(out);
        this.json = Json.compact(this.out);
        json.writeRaw("{\"type\":\"FeatureCollection\",\"features\":[\n");
    }

    @Override
    public void write(String[] values) throws IOException {
        DataRecords.checkWidth(values, names.length);
        if (!empty) {
            json.writeRaw(",\n");
        }
        empty = false;
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeFieldName("geometry");
        String lon = values[longitude];
        String lat = values[latitude];
        if (lon == null || lat == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            json.writeStringField("type", "Point");
            json.writeArrayFieldStart("coordinates");
            json.writeNumber(lon);
            json.writeNumber(lat);
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeObjectFieldStart("properties");
        for (int i : properties) {
            json.writeFieldName(names[i]);
            Json.value(json, types[i], values[i]);
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    @Override
    public String finish() throws IOException {
        json.writeRaw(empty ? "]}\n" : "\n]}\n");
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
