package ru.gov.tomsk.opendata.dataset;

import java.math.BigDecimal;
import java.util.List;

/**
 * The validation gate for one record, after its values became their types: pattern, allowed values,
 * range, length and, for location datasets, WGS 84 coordinates in range. A failing record is rejected
 * with the field and the reason; it never reaches a published file.
 */
public final class RecordChecker {

    private final List<Field> fields;
    private final Structure.Geo geo;
    private final int latitude;
    private final int longitude;

    public RecordChecker(Structure structure) {
        this.fields = structure.fields();
        this.geo = structure.geo();
        this.latitude = geo == null ? -1 : structure.indexOf(geo.latitude());
        this.longitude = geo == null ? -1 : structure.indexOf(geo.longitude());
    }

    /** @throws RejectedValueException for the first value that breaks its field's constraints */
    public void check(String[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                check(fields.get(i), values[i]);
            }
        }
        if (geo != null) {
            checkPosition(values);
        }
    }

    private void check(Field field, String value) {
        Constraints c = field.constraints();
        if (c.pattern() != null && !c.pattern().matcher(value).matches()) {
            throw new RejectedValueException(field.name(), value, "does not match the pattern " + c.pattern().pattern(),
                    "значение не соответствует шаблону (pattern) поля");
        }
        if (!c.allowed().isEmpty() && !c.allowed().contains(value)) {
            throw new RejectedValueException(field.name(), value, "is not one of the allowed values " + c.allowed(),
                    "значения нет среди допустимых: " + String.join(", ", c.allowed()));
        }
        if (c.maxLength() != null && value.codePointCount(0, value.length()) > c.maxLength()) {
            throw new RejectedValueException(field.name(), value, "is longer than " + c.maxLength() + " characters",
                    "значение длиннее " + c.maxLength() + " символов");
        }
        if (c.min() != null && compare(field, value, c.min()) < 0) {
            throw new RejectedValueException(field.name(), value, "is less than the minimum " + c.min(),
                    "значение меньше наименьшего допустимого " + c.min());
        }
        if (c.max() != null && compare(field, value, c.max()) > 0) {
            throw new RejectedValueException(field.name(), value, "is greater than the maximum " + c.max(),
                    "значение больше наибольшего допустимого " + c.max());
        }
    }

    /** Canonical values compare numerically for numbers and as text for ISO dates (same zone, same layout). */
    private static int compare(Field field, String value, String bound) {
        return switch (field.type()) {
            case INTEGER, NUMBER, DOUBLE -> new BigDecimal(value).compareTo(new BigDecimal(bound));
            default -> value.compareTo(bound);
        };
    }

    private void checkPosition(String[] values) {
        String lat = values[latitude];
        String lon = values[longitude];
        if (lat == null && lon == null) {
            return;
        }
        if (lat == null || lon == null) {
            String missing = lat == null ? geo.latitude() : geo.longitude();
            throw new RejectedValueException(missing, null, "a position needs both latitude and longitude (WGS 84)",
                    "для точки на карте нужны и широта, и долгота");
        }
        double la = Double.parseDouble(lat);
        double lo = Double.parseDouble(lon);
        if (la < -90 || la > 90) {
            throw new RejectedValueException(geo.latitude(), lat,
                    "latitude out of range -90..90 (WGS 84 decimal degrees)",
                    "широта должна быть от -90 до 90 градусов");
        }
        if (lo < -180 || lo > 180) {
            throw new RejectedValueException(geo.longitude(), lon,
                    "longitude out of range -180..180 (WGS 84 decimal degrees)",
                    "долгота должна быть от -180 до 180 градусов");
        }
        Structure.BoundingBox box = geo.bbox();
        if (box != null && (la < box.minLatitude() || la > box.maxLatitude() || lo < box.minLongitude() || lo > box.maxLongitude())) {
            throw new RejectedValueException(geo.latitude(), lat + ", " + lon, "position outside the region's bounding box "
                    + box.minLatitude() + ".." + box.maxLatitude() + " N, " + box.minLongitude() + ".." + box.maxLongitude() + " E"
                    + " (latitude and longitude swapped?)",
                    "точка лежит за пределами области; возможно, перепутаны широта и долгота");
        }
    }
}
