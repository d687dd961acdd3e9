package ru.gov.tomsk.opendata.catalog.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The points of a dataset's newest GeoJSON file, for the map on its passport page. The page lists them as HTML
 * (so that they are there without JavaScript) and the map script draws that list; nothing is fetched twice.
 *
 * @param points     at most the configured number of points, in the file's order
 * @param located    how many records of the file have coordinates
 * @param records    how many records the file has, with or without coordinates
 * @param geojson    the GeoJSON file, relative to the page
 * @param tileUrl    the tile template the map script draws under the points, empty for none
 * @param attribution what the tile provider asks to be credited with
 */
public record PassportMap(List<Point> points, long located, long records, String geojson, String tileUrl,
                          String attribution) {

    public PassportMap {
        points = List.copyOf(points);
    }

    /** Whether some located records are not drawn. */
    public boolean cut() {
        return points.size() < located;
    }

    /**
     * One point; {@code title} and {@code address} are what its popup shows.
     *
     * @param title    the record's name, or the first text of it when no field is called so
     * @param address  its address, or {@code null} when no field is called so
     */
    public record Point(double latitude, double longitude, String title, String address) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // fields whose name says what the popup needs; the catalogue keeps no such mark, the names are the feed's own
    private static final Predicate<String> NAME = n -> n.equals("name") || n.equals("title") || n.endsWith("_name")
            || n.startsWith("name_") || n.contains("наимен") || n.contains("назван");
    private static final Predicate<String> ADDRESS = n -> n.contains("address") || n.contains("addr") || n.contains("адрес");

    /**
     * Streams {@code geojson} (the catalogue's one-feature-per-line file of any size): keeps the first {@code max}
     * points and only counts the rest.
     */
    public static PassportMap read(Path geojson, PassportMapProperties settings) throws IOException {
        int max = settings.maxPoints();
        List<Point> points = new ArrayList<>();
        long located = 0;
        long records = 0;
        try (InputStream in = Files.newInputStream(geojson); JsonParser parser = new JsonFactory(JSON).createParser(in)) {
            if (!toFeatures(parser)) {
                throw new IOException("no \"features\" array in " + geojson.getFileName());
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                records++;
                JsonNode feature = parser.readValueAsTree();
                JsonNode coordinates = feature.path("geometry").path("coordinates");
                if (!coordinates.path(0).isNumber() || !coordinates.path(1).isNumber()) {
                    continue;
                }
                located++;
                if (points.size() < max) {
                    points.add(point(coordinates.get(1).asDouble(), coordinates.get(0).asDouble(), feature.path("properties")));
                }
            }
        }
        return new PassportMap(points, located, records, geojson.getFileName().toString(), settings.tileUrl(),
                settings.attribution());
    }

    private static boolean toFeatures(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.START_ARRAY && name.equals("features")) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private static Point point(double latitude, double longitude, JsonNode properties) {
        String title = null;
        String address = null;
        String firstText = null;
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String name = property.getKey().toLowerCase(Locale.ROOT);
            JsonNode value = property.getValue();
            if (!value.isTextual() || value.asText().isBlank()) {
                continue;
            }
            if (title == null && NAME.test(name)) {
                title = value.asText();
            } else if (address == null && ADDRESS.test(name)) {
                address = value.asText();
            } else if (firstText == null) {
                firstText = value.asText();
            }
        }
        return new Point(latitude, longitude, title != null ? title : firstText, address);
    }
}
