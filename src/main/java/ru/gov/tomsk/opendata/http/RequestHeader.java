package ru.gov.tomsk.opendata.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One extra request header that a setting adds: the http source's {@code headers} option and an http target's
 * {@code headers} are written and read alike. Its value may be a credential, so it never appears in
 * {@link #toString()}.
 */
public record RequestHeader(String name, String value) {

    /** A header name is an RFC 9110 token. */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /**
     * Where a setting splits: line breaks, and a ';' followed by the next {@code Name:}. A ';' inside a value
     * ({@code Accept: application/json; charset=utf-8}) is not followed by a name and a colon.
     */
    private static final Pattern SEPARATOR = Pattern.compile("\\R|;\\s*(?=[!#$%&'*+.^_`|~0-9A-Za-z-]+\\s*:)");

    @Override
    public String toString() {
        return name + ": ***";
    }

    /**
     * The {@code Name: value} entries of a setting; none where it is blank.
     *
     * @param setting how the error names the setting, e.g. {@code option 'headers'}
     * @throws IllegalArgumentException naming the entry by its position, never by its text
     */
    public static List<RequestHeader> parse(String text, String setting) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<RequestHeader> headers = new ArrayList<>();
        for (String line : SEPARATOR.split(text)) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            if (colon < 0 || !NAME.matcher(name).matches()) {
                // the value may be a credential: name the position, never the text
                throw new IllegalArgumentException(setting + ": entry " + (headers.size() + 1)
                        + " is not 'Name: value'; separate headers with ';' or line breaks");
            }
            headers.add(new RequestHeader(name, line.substring(colon + 1).strip()));
        }
        return headers;
    }
}
