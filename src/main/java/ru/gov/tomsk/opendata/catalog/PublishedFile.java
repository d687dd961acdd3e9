package ru.gov.tomsk.opendata.catalog;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name the catalogue writes into the published tree (standard §1, §6), read from a path relative to the tree:
 * {@code list.*}, {@code <identifier>/meta.*}, {@code <identifier>/data-<ver>-structure-<ver>.*} and
 * {@code <identifier>/structure-<ver>.*}. Anything else (a hidden or temporary file, a backup such as
 * {@code meta.csv~}, an HTML page, a deeper folder) is no name of the catalogue's and parses to nothing.
 *
 * @param dataVersion      the data version of a data file, else {@code null}
 * @param structureVersion the structure version of a data or structure file, else {@code null}
 * @param extension        the format, lower case as written
 */
public record PublishedFile(Kind kind, String identifier, String dataVersion, String structureVersion, String extension) {

    public enum Kind { REGISTRY, PASSPORT, DATA, STRUCTURE }

    /** The identifier rule of the standard (§2, as {@code FeedParser.IDENTIFIER}, which the catalogue must not depend on). */
    public static final Pattern IDENTIFIER = Pattern.compile("^\\d{10}-[A-Za-z0-9_]{1,64}$");

    /** Formats of {@code list.*} and of {@code meta.*}. */
    static final List<String> DOCUMENT_FORMATS = List.of("csv", "json", "xml");
    /** Formats of every structure version. */
    static final List<String> STRUCTURE_FORMATS = List.of("csv", "xsd", "json");
    /** Formats a data version may have; which ones it has is recorded with the version. */
    static final List<String> DATA_FORMATS = List.of("csv", "json", "xml", "geojson");

    // version stamps are ISO 8601 basic YYYYMMDDTHHMM (VersionStamps)
    private static final String STAMP = "(\\d{8}T\\d{4})";
    private static final Pattern DOCUMENT = Pattern.compile("(list|meta)\\.([a-z]+)");
    private static final Pattern DATA = Pattern.compile("data-" + STAMP + "-structure-" + STAMP + "\\.([a-z]+)");
    private static final Pattern STRUCTURE = Pattern.compile("structure-" + STAMP + "\\.([a-z]+)");

    /** The catalogue's name at {@code path} ({@code list.csv}, {@code 7017069388-x/meta.json}…), if it is one. */
    public static Optional<PublishedFile> parse(String path) {
        String[] segments = path.split("/", -1);
        if (segments.length == 1) {
            Matcher m = DOCUMENT.matcher(segments[0]);
            return m.matches() && m.group(1).equals("list") && DOCUMENT_FORMATS.contains(m.group(2))
                    ? Optional.of(new PublishedFile(Kind.REGISTRY, null, null, null, m.group(2)))
                    : Optional.empty();
        }
        if (segments.length != 2 || !IDENTIFIER.matcher(segments[0]).matches()) {
            return Optional.empty();
        }
        String id = segments[0];
        String name = segments[1];
        Matcher m;
        if ((m = DOCUMENT.matcher(name)).matches() && m.group(1).equals("meta") && DOCUMENT_FORMATS.contains(m.group(2))) {
            return Optional.of(new PublishedFile(Kind.PASSPORT, id, null, null, m.group(2)));
        }
        if ((m = DATA.matcher(name)).matches() && DATA_FORMATS.contains(m.group(3))) {
            return Optional.of(new PublishedFile(Kind.DATA, id, m.group(1), m.group(2), m.group(3)));
        }
        if ((m = STRUCTURE.matcher(name)).matches() && STRUCTURE_FORMATS.contains(m.group(2))) {
            return Optional.of(new PublishedFile(Kind.STRUCTURE, id, null, m.group(1), m.group(2)));
        }
        return Optional.empty();
    }
}
