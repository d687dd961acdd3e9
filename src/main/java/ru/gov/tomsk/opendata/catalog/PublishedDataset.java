package ru.gov.tomsk.opendata.catalog;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dataset as the catalogue publishes it, read from the database in one go: the files of every listed
 * version and the passport rendered from the same rows. A mirror that copies {@link #files()} and then
 * writes {@link #passport()} never links to a file it has not copied.
 *
 * @param directory     the local folder of the dataset, where {@link #files()} are
 * @param newestVersion the newest data version
 * @param files         names of the data and structure files of every listed version (never hidden files)
 * @param passport      {@code meta.*} by file name, in the order to write them ({@code meta.csv} last)
 */
public record PublishedDataset(String identifier, Path directory, String newestVersion, List<String> files,
                               Map<String, byte[]> passport) {

    public PublishedDataset {
        files = List.copyOf(files);
        passport = Collections.unmodifiableMap(new LinkedHashMap<>(passport));
    }
}
