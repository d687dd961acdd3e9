package ru.gov.tomsk.opendata.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.stream.IntStream;

import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * {@code data-*.geojson} (RFC 7946), our addition for map clients (standard §8): one Point feature
 * per record, one feature per line. The coordinate fields become the geometry, in GeoJSON's
 * [longitude, latitude] order, and every other field a property. A record without both coordinates
 * is kept with a {@code null} geometry rather than dropped, so that the feature count matches the
 * other formats.
 */
public final class GeoJsonDataWriter extends JsonLinesWriter {

    private final int latitude;
    private final int longitude;
    private final int[] properties;

    /** @throws IllegalArgumentException if the structure has no coordinates */
    public GeoJsonDataWriter(OutputStream out, Structure structure) throws IOException {
        super(out, withCoordinates(structure), "{\"type\":\"FeatureCollection\",\"features\":[\n", "]}\n");
        this.latitude = DataRecords.fieldIndex(structure, structure.geo().latitude(), "latitude");
        this.longitude = DataRecords.fieldIndex(structure, structure.geo().longitude(), "longitude");
        this.properties = IntStream.range(0, names.length)
                .filter(i -> i != latitude && i != longitude).toArray();
    }

    private static Structure withCoordinates(Structure structure) {
        if (structure.geo() == null) {
            throw new IllegalArgumentException("GeoJSON needs a structure with latitude and longitude fields (geo)");
        }
        return structure;
    }

    @Override
    void record(String[] values) throws IOException {
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
            field(i, values);
        }
        json.writeEndObject();
        json.writeEndObject();
    }
}
