package ru.gov.tomsk.opendata.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a browser sends a state-changing request for this site or for another one: {@code Sec-Fetch-Site} must be
 * {@code same-origin} or {@code none} (typed by the user; {@code same-site} is refused too: the region's other hosts
 * are not this service), and {@code Origin}, when sent, must be the service's public origin ({@code opendata.base-url},
 * behind a proxy) or that of the request itself (the service reached directly). {@code Origin: null} (sandboxed
 * frames, some redirects) is foreign. Programs that send neither header (curl) are no forgery and pass.
 *
 * <p>Used where a browser could be made to post by another site's page: the admin API, whose Basic credentials a
 * browser remembers ({@code CrossSiteRequestFilter}), and the public request form, which has no session and so no
 * CSRF token ({@code PublicRequestsController}).
 */
public final class BrowserOrigin {

    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final String publicOrigin;

    /** @param baseUrl {@code opendata.base-url}; none: only the request's own origin is this site's */
    public BrowserOrigin(String baseUrl) {
        URI uri = baseUrl == null ? null : URI.create(baseUrl);
        this.publicOrigin = uri == null || uri.getHost() == null ? null
                : origin(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    /** Why the request is foreign (for the log), or empty when it comes from this site or from no browser at all. */
    public Optional<String> foreign(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !OWN_SITE.contains(site.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("Sec-Fetch-Site '" + clip(site) + "'");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !own(origin, request)) {
            return Optional.of("Origin '" + clip(origin) + "'");
        }
        return Optional.empty();
    }

    private boolean own(String origin, HttpServletRequest request) {
        try {
            URI uri = new URI(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            String sent = origin(uri.getScheme(), uri.getHost(), uri.getPort());
            return Objects.equals(sent, publicOrigin)
                    || sent.equals(origin(request.getScheme(), request.getServerName(), request.getServerPort()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** scheme://host[:port] in lower case, the scheme's default port left out, as browsers send it. */
    public static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || s.equals("http") && port == 80 || s.equals("https") && port == 443;
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    public static String clip(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
