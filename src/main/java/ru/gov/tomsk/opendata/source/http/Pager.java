package ru.gov.tomsk.opendata.source.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which page to ask for next, for each {@link Pagination} style, from the page just read.
 *
 * <p>Paging values go into the URL (or the POST body) where it writes {@code {page}}, {@code {size}},
 * {@code {offset}}, {@code {limit}} or {@code {cursor}}; a value the URL has no placeholder for is added as a
 * query parameter named by the matching {@code …Param} option. So {@code https://api/x?p={page}} and
 * {@code https://api/x} with {@code pageParam: p} ask for the same pages.
 *
 * <p>Page and offset paging stop at the first empty page, never at a short one: an API may cap the page size
 * below what was asked for, and stopping at a short page would then silently drop everything after it.
 */
final class Pager {

    private final HttpSourceSpec spec;
    private final List<String> nextLinkPath;
    private final List<String> cursorPath;
    private final Redactor redactor;
    /** The cursor of the latest request; pages are fetched one after another, so it is the page just read's. */
    private String sentCursor;

    Pager(HttpSourceSpec spec) {
        this.spec = spec;
        this.nextLinkPath = JsonValue.segments(spec.nextLinkPath(), "nextLinkPath");
        this.cursorPath = spec.cursorPath() == null ? List.of() : JsonValue.segments(spec.cursorPath(), "cursorPath");
        this.redactor = spec.redactor();
    }

    PageRequest first() {
        return switch (spec.pagination()) {
            case NONE, NEXT_LINK, LINK_HEADER -> templated(1, Map.of());
            case PAGE -> pageRequest(1, spec.firstPage());
            case OFFSET -> offsetRequest(1, 0);
            case CURSOR -> cursorRequest(1, null);
        };
    }

    /**
     * The request for the page after {@code page}, or empty when {@code page} was the last.
     *
     * @param records how many records {@code page} held
     */
    Optional<PageRequest> next(Page page, long records, long recordsBefore) {
        int number = page.request().number() + 1;
        return switch (spec.pagination()) {
            case NONE -> Optional.empty();
            case PAGE -> records == 0 ? Optional.empty()
                    : Optional.of(pageRequest(number, spec.firstPage() + page.request().number()));
            // the offset of the next page is what has been read, not pages × size: an API may return fewer than asked
            case OFFSET -> records == 0 ? Optional.empty() : Optional.of(offsetRequest(number, recordsBefore + records));
            case NEXT_LINK -> JsonValue.find(page.body(), nextLinkPath, "nextLinkPath", describe(page.request()))
                    .map(link -> follow(page, link, "the next link in the body (" + spec.nextLinkPath() + ")"));
            case LINK_HEADER -> LinkHeader.next(page.headers().allValues("Link"))
                    .map(link -> follow(page, link, "the Link header's rel=\"next\""));
            case CURSOR -> JsonValue.find(page.body(), cursorPath, "cursorPath", describe(page.request()))
                    .map(cursor -> {
                        if (cursor.equals(sentCursor)) {
                            throw new HttpSourceException(describe(page.request()) + ": the API returned the cursor it"
                                    + " was given (" + spec.cursorPath() + "), so paging would never end");
                        }
                        return cursorRequest(number, cursor);
                    });
        };
    }

    /** What messages call a request: method, masked URL and page number. */
    String describe(PageRequest request) {
        return request.method() + " " + redactor.url(request.uri().toString()) + " (page " + request.number() + ")";
    }

    private PageRequest follow(Page page, String link, String what) {
        URI next;
        try {
            next = page.uri().resolve(link.strip());
        } catch (IllegalArgumentException e) {
            throw new HttpSourceException(describe(page.request()) + ": " + what + " is not a URL: '"
                    + redactor.url(link) + "'");
        }
        if (!"http".equalsIgnoreCase(next.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
            throw new HttpSourceException(describe(page.request()) + ": " + what + " is not an http(s) URL: '"
                    + redactor.url(link) + "'");
        }
        if (next.equals(page.uri()) || next.equals(page.request().uri())) {
            throw new HttpSourceException(describe(page.request()) + ": " + what + " points at the same page, so paging"
                    + " would never end");
        }
        // the same body goes to every page of a POST API; the link carries the paging
        return new PageRequest(page.request().number() + 1, page.request().method(), next, page.request().body());
    }

    private PageRequest pageRequest(int number, long page) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("page", Long.toString(page));
        values.put("size", Integer.toString(spec.pageSize()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("page", spec.pageParam());
        params.put("size", spec.sizeParam());
        return templated(number, values, params);
    }

    private PageRequest offsetRequest(int number, long offset) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("offset", Long.toString(offset));
        values.put("limit", Integer.toString(spec.pageSize()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("offset", spec.offsetParam());
        params.put("limit", spec.limitParam());
        return templated(number, values, params);
    }

    private PageRequest cursorRequest(int number, String cursor) {
        sentCursor = cursor;
        Map<String, String> values = new LinkedHashMap<>();
        // the first request has no cursor: a placeholder becomes empty, a query parameter is left out
        values.put("cursor", cursor == null ? "" : cursor);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("cursor", cursor == null ? null : spec.cursorParam());
        return templated(number, values, params);
    }

    private PageRequest templated(int number, Map<String, String> values) {
        return templated(number, values, Map.of());
    }

    /**
     * Fills the URL's and body's placeholders; values without a placeholder become query parameters.
     *
     * @param params query parameter name per value name; a {@code null} name sends no parameter
     */
    private PageRequest templated(int number, Map<String, String> values, Map<String, String> params) {
        String url = spec.url();
        String body = spec.body();
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> value : values.entrySet()) {
            String placeholder = "{" + value.getKey() + "}";
            boolean placed = url.contains(placeholder) || (body != null && body.contains(placeholder));
            url = url.replace(placeholder, encode(value.getValue()));
            if (body != null) {
                body = body.replace(placeholder, jsonText(value.getValue()));
            }
            String param = params.get(value.getKey());
            if (!placed && param != null) {
                query.append(query.isEmpty() ? "" : "&").append(encode(param)).append('=').append(encode(value.getValue()));
            }
        }
        if (spec.apiKey() != null) {
            url = url.replace("{apiKey}", encode(spec.apiKey()));
            body = body == null ? null : body.replace("{apiKey}", jsonText(spec.apiKey()));
        }
        if (!query.isEmpty()) {
            int fragment = url.indexOf('#');
            String head = fragment < 0 ? url : url.substring(0, fragment);
            String tail = fragment < 0 ? "" : url.substring(fragment);
            url = head + (head.contains("?") ? (head.endsWith("?") || head.endsWith("&") ? "" : "&") : "?") + query + tail;
        }
        return new PageRequest(number, spec.method(), URI.create(url), body);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A value inside a JSON string literal of the body: the feed writes the quotes, {"cursor": "{cursor}"}. */
    private static String jsonText(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
