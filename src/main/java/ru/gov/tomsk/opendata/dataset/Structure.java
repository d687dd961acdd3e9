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

    public record Geo(String latitude, String longitude) {
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }
}
