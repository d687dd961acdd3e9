package ru.gov.tomsk.opendata.source.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code rel="next"} target of {@code Link} headers (RFC 8288), as GitHub-style APIs page:
 * {@code Link: <https://api.example.ru/items?page=3>; rel="next", <…?page=9>; rel="last"}.
 */
final class LinkHeader {

    private LinkHeader() {
    }

    /** The next page's URL as written (possibly relative), from all {@code Link} header values of a response. */
    static Optional<String> next(List<String> values) {
        for (String value : values) {
            int i = 0;
            while (true) {
                int open = value.indexOf('<', i);
                int close = open < 0 ? -1 : value.indexOf('>', open);
                if (close < 0) {
                    break;
                }
                String target = value.substring(open + 1, close).strip();
                int end = paramsEnd(value, close + 1);
                if (isNext(value.substring(close + 1, end))) {
                    return Optional.of(target);
                }
                i = end;
            }
        }
        return Optional.empty();
    }

    /** Where a link's parameters end: the next ',' outside quotes, or the end. */
    private static int paramsEnd(String value, int from) {
        boolean quoted = false;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return value.length();
    }

    /** Whether the parameters have a {@code rel} whose space-separated relation types include {@code next}. */
    private static boolean isNext(String params) {
        for (String param : params.split(";")) {
            int eq = param.indexOf('=');
            if (eq < 0 || !param.substring(0, eq).strip().equalsIgnoreCase("rel")) {
                continue;
            }
            String rel = param.substring(eq + 1).strip();
            if (rel.length() >= 2 && rel.startsWith("\"") && rel.endsWith("\"")) {
                rel = rel.substring(1, rel.length() - 1);
            }
            for (String type : rel.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (type.equals("next")) {
                    return true;
                }
            }
        }
        return false;
    }
}
