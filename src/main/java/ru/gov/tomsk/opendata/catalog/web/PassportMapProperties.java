package ru.gov.tomsk.opendata.catalog.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The map on the passport page of a dataset with coordinates ({@code opendata.pages.map.*}).
 *
 * <p>No tiles by default: a map server is a third party that learns who looks at which dataset, and a closed
 * network may not reach one. Without tiles the points still show, on a blank plane in Leaflet's projection.
 *
 * @param tileUrl     an XYZ tile template such as {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}, or empty for
 *                    none; its origin is added to the pages' {@code img-src}, nothing else is
 * @param attribution the text the tile provider's terms ask for, shown in the map's corner
 * @param maxPoints   points drawn at most; a larger dataset shows its first ones and says so
 */
@Validated
@ConfigurationProperties("opendata.pages.map")
public record PassportMapProperties(
        @DefaultValue("") String tileUrl,
        @DefaultValue("") String attribution,
        @Min(1) @Max(20_000) @DefaultValue("1000") int maxPoints) {

    public PassportMapProperties {
        tileUrl = tileUrl == null ? "" : tileUrl.strip();
        attribution = attribution == null ? "" : attribution.strip();
        if (!tileUrl.isEmpty()) {
            tileOrigin(tileUrl);
        }
    }

    /** Whether a tile layer is configured. */
    public boolean tiles() {
        return !tileUrl.isEmpty();
    }

    /** {@code scheme://host[:port]} of the tile server, for the Content-Security-Policy; {@code null} without tiles. */
    public String tileOrigin() {
        return tiles() ? tileOrigin(tileUrl) : null;
    }

    // checked at start-up: a wrong template would otherwise show as an empty grey map, or a CSP that lets in too much
    private static String tileOrigin(String url) {
        if (!url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}")) {
            throw new IllegalArgumentException("opendata.pages.map.tile-url must contain {z}, {x} and {y}: " + url);
        }
        URI uri;
        try {
            // Leaflet's placeholders ({s}, {z}, {r}) are not valid in a URI; any letter stands in for them here
            uri = new URI(url.replaceAll("\\{[a-z]+}", "t"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("opendata.pages.map.tile-url is not a valid address: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("opendata.pages.map.tile-url must be an http(s) address with a host: " + url);
        }
        String host = url.replaceFirst("(?i)^https?://", "").replaceFirst("[/?#].*$", "");
        if (host.contains("{")) {
            // {s}.tile.example: the subdomains Leaflet picks from are all allowed
            host = "*" + host.substring(host.indexOf('}') + 1);
        }
        return scheme + "://" + host.toLowerCase(Locale.ROOT);
    }
}
