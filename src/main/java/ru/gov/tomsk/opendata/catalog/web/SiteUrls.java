package ru.gov.tomsk.opendata.catalog.web;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;

/**
 * Absolute public addresses of the section's pages, from {@code opendata.base-url}, in the form crawlers expect
 * (RFC 3986, ASCII only): spaces and non-ASCII letters of the path percent-encoded as UTF-8, an internationalised
 * host name (.рф) in IDNA form, escapes already present kept. Checked at start-up, so that a base URL no crawler
 * could use stops the service with its key instead of breaking the sitemap later.
 */
@Component
public class SiteUrls {

    private final String section;

    public SiteUrls(OpendataProperties properties) {
        this.section = ascii(properties.baseUrl());
    }

    /** The section page ({@code …/opendata/}). */
    public String section() {
        return section;
    }

    /** A dataset's passport page; {@code identifier} is checked by the caller (digits, Latin letters, '-', '_'). */
    public String dataset(String identifier) {
        return section + identifier + "/";
    }

    public String sitemap() {
        return section + "sitemap.xml";
    }

    static String ascii(String url) {
        try {
            String text = url.strip().replace(" ", "%20");
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("opendata.base-url must be an absolute http: or https: address, not " + url);
            }
            String authority = uri.getRawAuthority();
            if (!authority.chars().allMatch(c -> c < 128)) {
                int start = authority.lastIndexOf('@') + 1;
                int end = authority.indexOf(':', start) < 0 ? authority.length() : authority.indexOf(':', start);
                String host = IDN.toASCII(authority.substring(start, end), IDN.ALLOW_UNASSIGNED);
                uri = new URI(text.replaceFirst(java.util.regex.Pattern.quote(authority),
                        java.util.regex.Matcher.quoteReplacement(authority.substring(0, start) + host + authority.substring(end))));
            }
            return uri.toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("opendata.base-url is not a valid address: " + e.getMessage(), e);
        }
    }
}
