package ru.gov.tomsk.opendata.ops;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The response headers of each surface, on top of Spring Security's defaults ({@code X-Content-Type-Options: nosniff},
 * {@code X-Frame-Options: DENY}, no caching of what the application does not mark cacheable).
 */
public final class SecurityHeaders {

    /**
     * The console uses no script at all and only its own style sheets and images; every
     * style lives in a file, so no {@code 'unsafe-inline'} is needed. Forms post to this site only, nobody frames a page.
     */
    static final String PAGES_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    /**
     * The open-data section: as {@link #PAGES_POLICY}, plus scripts from this site (Leaflet and the passport page's map,
     * both files) and, when a tile server is configured, images from that one origin.
     *
     * @param tileOrigin {@code scheme://host} of the map's tiles, or {@code null} for none
     */
    static String sectionPolicy(String tileOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'"
                + (tileOrigin == null ? "" : " " + tileOrigin)
                + "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    /** JSON and files: nothing to load, nothing to run, never framed. */
    public static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** Powerful browser features no page of this service uses. */
    static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), payment=(), usb=()";
    /** A year; without includeSubDomains, since the section may live on the region's main host. */
    static final long HSTS_SECONDS = 31_536_000;

    private SecurityHeaders() {
    }

    /**
     * @param contentSecurityPolicy the policy, or null for none (Swagger UI brings its own scripts and inline styles)
     * @param https                 whether {@code opendata.base-url} is https: only then HSTS, and then on every answer,
     *                              since behind a TLS-terminating proxy the request itself looks like plain HTTP
     *                              (browsers ignore HSTS received over plain HTTP anyway)
     */
    public static Customizer<HeadersConfigurer<HttpSecurity>> of(String contentSecurityPolicy, ReferrerPolicy referrer,
                                                          boolean https) {
        return headers -> {
            if (contentSecurityPolicy != null) {
                headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy));
            }
            headers.referrerPolicy(r -> r.policy(referrer));
            headers.permissionsPolicyHeader(p -> p.policy(PERMISSIONS_POLICY));
            if (https) {
                headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
                        .maxAgeInSeconds(HSTS_SECONDS).includeSubDomains(false));
            } else {
                headers.httpStrictTransportSecurity(hsts -> hsts.disable());
            }
        };
    }
}
