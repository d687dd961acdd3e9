package ru.gov.tomsk.opendata.catalog;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the published data files, so that a web application on any site (the region's open-data hackathon is
 * the usual one) can read {@code list.*}, passports, data and structures from the browser.
 *
 * <p>{@code Access-Control-Allow-Origin: *} goes on every GET and HEAD of such a file, whatever the request's
 * {@code Origin}: the answer is the same for everyone, so shared caches need no {@code Vary: Origin}, and a
 * {@code 304} a script asked for itself carries it too. Never with credentials: the wildcard makes browsers send
 * none. A preflight (a script that sends, say, {@code If-None-Match}) is answered here, before any authentication.
 * Nothing else of the site (pages, {@code /admin}, {@code /api}, {@code /actuator}) is shared with other origins.
 */
final class OpenDataCors extends OncePerRequestFilter {

    static final String PREFIX = "/opendata/";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith(PREFIX) || PublishedFile.parse(path.substring(PREFIX.length())).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if ("OPTIONS".equals(method) && request.getHeader(HttpHeaders.ORIGIN) != null
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD");
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "*");
            response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if ("GET".equals(method) || "HEAD".equals(method)) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
        chain.doFilter(request, response);
    }
}
