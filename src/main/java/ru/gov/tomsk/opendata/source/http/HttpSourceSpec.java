package ru.gov.tomsk.opendata.source.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;

import ru.gov.tomsk.opendata.http.RequestHeader;
import ru.gov.tomsk.opendata.source.payload.PayloadReader;
import ru.gov.tomsk.opendata.source.payload.PayloadSpec;

/**
 * An {@code http} source as a feed describes it (see {@code SourceKinds.http()} for every option's meaning),
 * checked once before the first request so that a mistake fails the run with the option's name.
 *
 * @param url        the request URL, still with its placeholders ({@code {page}}, {@code {apiKey}}…)
 * @param body       JSON sent with POST, with the same placeholders; {@code null} for none
 * @param headers    extra headers in the feed's order, {@code {apiKey}} still in place
 * @param sizeParam  {@code null} when no size is sent
 * @param limitParam {@code null} when no limit is sent
 * @param cursorPath required for {@link Pagination#CURSOR}
 * @param path       dotted path of the records array in a page; {@code null} for a top-level array
 */
public record HttpSourceSpec(String url, String method, String body, List<RequestHeader> headers, String username,
                             String password, String token, String apiKey, Duration connectTimeout,
                             Duration readTimeout, Pagination pagination, String pageParam, String sizeParam,
                             int pageSize, long firstPage, String offsetParam, String limitParam,
                             String nextLinkPath, String cursorParam, String cursorPath, String path, int maxPages,
                             RetryPolicy retry) {

    /** Placeholders a URL or body may hold, filled per request. */
    static final List<String> PLACEHOLDERS = List.of("page", "size", "offset", "limit", "cursor", "apiKey");

    public HttpSourceSpec {
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
    }

    /**
     * The spec from a feed's options, every option present (the kind's defaults already merged in).
     *
     * @throws IllegalArgumentException naming the option that is wrong and what it accepts
     */
    public static HttpSourceSpec of(Map<String, String> options) {
        String url = required(options, "url");
        String method = options.getOrDefault("method", "GET").strip().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("option 'method' must be GET or POST; got '" + options.get("method") + "'");
        }
        String body = blankToNull(options.get("body"));
        if (body != null && method.equals("GET")) {
            throw new IllegalArgumentException("option 'body' is sent only with method: POST");
        }
        Pagination pagination = Pagination.fromWord(options.getOrDefault("pagination", "none"))
                .orElseThrow(() -> new IllegalArgumentException("option 'pagination' must be one of " + Pagination.words()
                        + "; got '" + options.get("pagination") + "'"));
        String cursorPath = blankToNull(options.get("cursorPath"));
        if (pagination == Pagination.CURSOR && cursorPath == null) {
            throw new IllegalArgumentException("option 'cursorPath' is required with pagination: cursor (where a page's"
                    + " body holds the next cursor, e.g. meta.next_cursor)");
        }
        String username = blankToNull(options.get("username"));
        String password = options.get("password");
        String token = blankToNull(options.get("token"));
        if (token != null && username != null) {
            throw new IllegalArgumentException("options 'token' and 'username' exclude each other: an API takes either"
                    + " a bearer token or Basic authentication");
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("option 'password' needs option 'username' (HTTP Basic authentication)");
        }
        String apiKey = blankToNull(options.get("apiKey"));
        List<RequestHeader> headers = headers(options.get("headers"));
        boolean keyUsed = url.contains("{apiKey}") || (body != null && body.contains("{apiKey}"))
                || headers.stream().anyMatch(h -> h.value().contains("{apiKey}"));
        if (apiKey != null && !keyUsed) {
            throw new IllegalArgumentException("option 'apiKey' is set but neither url, headers nor body says where it"
                    + " goes; write {apiKey} there, e.g. headers: \"X-Api-Key: {apiKey}\"");
        }
        if (apiKey == null && keyUsed) {
            throw new IllegalArgumentException("{apiKey} is used but option 'apiKey' is not set");
        }
        String path = blankToNull(options.get("path"));
        // the payload reader checks the path's form; a bad one is a mistake in the feed, found before any request
        records(path);
        HttpSourceSpec spec = new HttpSourceSpec(url, method, body, headers, username, password, token, apiKey,
                duration(options, "connectTimeout"), duration(options, "readTimeout"), pagination,
                required(options, "pageParam"), optionalParam(options, "sizeParam"), positive(options, "pageSize"),
                integer(options, "firstPage", 0), required(options, "offsetParam"), optionalParam(options, "limitParam"),
                required(options, "nextLinkPath"), required(options, "cursorParam"), cursorPath, path,
                positive(options, "maxPages"),
                new RetryPolicy(positiveOrZero(options, "retries"), duration(options, "retryDelay"),
                        duration(options, "maxRetryDelay")));
        spec.checkUrl();
        return spec;
    }

    /** The reader of a page's records. */
    PayloadReader records() {
        return records(path);
    }

    private static PayloadReader records(String path) {
        try {
            return PayloadSpec.of(path == null ? Map.of("format", "json") : Map.of("format", "json", "path", path)).reader();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option 'path': " + e.getMessage(), e);
        }
    }

    /** The URL of the first request must be an absolute http(s) URL once its placeholders are filled. */
    private void checkUrl() {
        String sample = url;
        for (String placeholder : PLACEHOLDERS) {
            sample = sample.replace("{" + placeholder + "}", "1");
        }
        URI uri;
        try {
            uri = new URI(sample);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("option 'url' is not a URL: " + redactor().url(e.getReason())
                    + " at index " + e.getIndex() + " (spaces and such must be %-encoded)");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("option 'url' must be an absolute http or https URL, e.g."
                    + " https://api.example.ru/v1/schools; got '" + redactor().url(url) + "'");
        }
    }

    /** Masks this source's secrets in messages. */
    Redactor redactor() {
        List<String> secrets = new ArrayList<>();
        secrets.add(password);
        secrets.add(token);
        secrets.add(apiKey);
        // a key written straight into a header through ${ENV} (X-Api-Key: ${KEY}) is a secret too, should the API echo it
        headers.stream().filter(h -> h.name().equalsIgnoreCase("Authorization") || Redactor.isSecretName(h.name()))
                .map(RequestHeader::value).filter(v -> !v.contains("{apiKey}")).forEach(secrets::add);
        return new Redactor(secrets);
    }

    /** Only the shape: credentials and header values stay out of logs and debuggers' summaries. */
    @Override
    public String toString() {
        return "HttpSourceSpec[" + method + " " + redactor().url(url) + ", pagination=" + pagination.word()
                + ", path=" + path + ", headers=" + headers.stream().map(RequestHeader::name).collect(Collectors.joining(","))
                + (username != null ? ", basic auth" : "") + (token != null ? ", bearer token" : "")
                + (apiKey != null ? ", api key" : "") + "]";
    }

    static List<RequestHeader> headers(String option) {
        return RequestHeader.parse(option, "option 'headers'");
    }

    private static String required(Map<String, String> options, String name) {
        String value = blankToNull(options.get(name));
        if (value == null) {
            throw new IllegalArgumentException("option '" + name + "' is required");
        }
        return value;
    }

    /** A query parameter name, or {@code null} when the feed says {@code none}. */
    private static String optionalParam(Map<String, String> options, String name) {
        String value = blankToNull(options.get(name));
        return value == null || value.equalsIgnoreCase("none") ? null : value;
    }

    private static Duration duration(Map<String, String> options, String name) {
        String value = required(options, name);
        try {
            Duration duration = DurationStyle.detectAndParse(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '" + name + "' must be a duration such as 500ms, 10s, 2m or PT1M;"
                    + " got '" + value + "'");
        }
    }

    private static int positive(Map<String, String> options, String name) {
        long value = integer(options, name, 1);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("option '" + name + "' is too large: " + value);
        }
        return (int) value;
    }

    private static int positiveOrZero(Map<String, String> options, String name) {
        return (int) Math.min(integer(options, name, 0), Integer.MAX_VALUE);
    }

    private static long integer(Map<String, String> options, String name, long min) {
        String value = required(options, name);
        try {
            long number = Long.parseLong(value);
            if (number < min) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + name + "' must be a whole number of at least " + min
                    + "; got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
