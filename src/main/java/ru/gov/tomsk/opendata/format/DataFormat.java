package ru.gov.tomsk.opendata.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import ru.gov.tomsk.opendata.dataset.Structure;

/** The published data formats, named by their file extension. CSV is always published (the passport's format). */
public enum DataFormat {
    CSV, JSON, XML, GEOJSON;

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DataFormat> fromExtension(String extension) {
        return Arrays.stream(values()).filter(f -> f.extension().equals(extension)).findFirst();
    }

    /** A streaming writer of this format; the caller owns and closes {@code out} through the writer. */
    public DataFileWriter open(OutputStream out, Structure structure) throws IOException {
        return switch (this) {
            case CSV -> new CsvDataWriter(out, structure);
            case JSON -> new JsonDataWriter(out, structure);
            case XML -> new XmlDataWriter(out, structure);
            case GEOJSON -> new GeoJsonDataWriter(out, structure);
        };
    }
}
