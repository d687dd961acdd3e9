package ru.gov.tomsk.opendata.source.http;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How an API splits its records into pages; {@link #word()} is how a feed names it. */
public enum Pagination {
    /** One response holds every record. */
    NONE("none"),
    /** Page number and page size in the request; an empty page ends the records. */
    PAGE("page"),
    /** Offset and limit in the request; an empty page ends the records. */
    OFFSET("offset"),
    /** Each page's body holds the URL of the next one; no link ends the records. */
    NEXT_LINK("nextLink"),
    /** Each response's {@code Link} header has a {@code rel="next"} URL (RFC 8288); none ends the records. */
    LINK_HEADER("linkHeader"),
    /** Each page's body holds an opaque cursor that the next request sends back; none ends the records. */
    CURSOR("cursor");

    private final String word;

    Pagination(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<Pagination> fromWord(String word) {
        return Arrays.stream(values()).filter(p -> p.word.equalsIgnoreCase(word == null ? "" : word.strip())).findFirst();
    }

    static String words() {
        return Arrays.stream(values()).map(Pagination::word).collect(Collectors.joining(", "));
    }
}
