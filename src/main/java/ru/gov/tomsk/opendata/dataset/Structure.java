package ru.gov.tomsk.opendata.dataset;

import java.util.List;

/**
 * The columns of a dataset, in publication order, and the fields that identify a row.
 * Geo marks a location dataset: the names of its latitude and longitude fields (WGS 84).
 */
public record Structure(List<String> key, List<Field> fields, Geo geo) {

    public Structure {
        key = List.copyOf(key);
        fields = List.copyOf(fields);
    }

    /**
     * The WGS 84 coordinate fields of a location dataset, and optionally the region's bounding box:
     * a record whose position falls outside it is rejected.
     */
    public record Geo(String latitude, String longitude, BoundingBox bbox) {

        public Geo(String latitude, String longitude) {
            this(latitude, longitude, null);
        }
    }

    /** Decimal degrees, WGS 84. */
    public record BoundingBox(double minLatitude, double minLongitude, double maxLatitude, double maxLongitude) {
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }
}
