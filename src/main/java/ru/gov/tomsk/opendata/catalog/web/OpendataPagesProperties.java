package ru.gov.tomsk.opendata.catalog.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the human open-data pages ({@code opendata.pages.*}).
 *
 * @param title          heading of the section page and suffix of every page title
 * @param requestDataUrl another way to ask for new data to be opened, besides the section's own request form
 *                       ({@code /opendata/requests/new}, always the first): a mailto: address or the http(s) address
 *                       of the region's own form; none by default. Non-ASCII text may be written as is
 */
@Validated
@ConfigurationProperties("opendata.pages")
public record OpendataPagesProperties(
        @NotBlank @DefaultValue("Открытые данные Томской области") String title,
        String requestDataUrl) {

    // anything else (javascript:, data:) in a link on a public page would be a hole, even if an operator typed it
    private static final Set<String> LINK_SCHEMES = Set.of("mailto", "http", "https");

    public OpendataPagesProperties {
        requestDataUrl = asciiLink(requestDataUrl);
    }

    /**
     * Operators write the subject in Russian with spaces; a link needs it percent-encoded. Spaces are encoded
     * here, Cyrillic by {@code toASCIIString}; escapes already present are kept as they are. Checked here rather
     * than by a constraint, since the address is rewritten before a constraint would see it.
     */
    private static String asciiLink(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.strip().replace(" ", "%20"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("opendata.pages.request-data-url is not a valid address: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!LINK_SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("opendata.pages.request-data-url must be a mailto:, http: or https: address, not "
                    + url);
        }
        return uri.toASCIIString();
    }
}
