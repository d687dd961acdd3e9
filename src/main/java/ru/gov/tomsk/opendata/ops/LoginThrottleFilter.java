package ru.gov.tomsk.opendata.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login attempt (HTTP Basic credentials, a Bearer token, or the console's login form) whose name or client
 * address is locked by {@link LoginThrottle}, before the password is even checked: 429 with {@code Retry-After} for
 * the API, back to the login page with a notice for the console. A Bearer token names nobody until it is looked up, so
 * here only its address is checked; {@link ApiTokenFilter} checks the token's owner.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    static final String LOGIN_PAGE = "/admin/login";

    private final LoginThrottle throttle;
    private final Clock clock;

    LoginThrottleFilter(LoginThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = "POST".equals(request.getMethod()) && LOGIN_PAGE.equals(request.getServletPath());
        boolean bearer = !form && ApiTokenFilter.bearerToken(request) != null;
        String username = form ? request.getParameter("username") : basicUsername(request);
        if (username == null && !form && !bearer) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Instant> locked = throttle.lockedUntil(username, request.getRemoteAddr());
        if (locked.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (form) {
            response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?locked");
            return;
        }
        tooManyFailures(request, response, Duration.between(clock.instant(), locked.get()));
    }

    /** The API's answer to a locked name or address. */
    static void tooManyFailures(HttpServletRequest request, HttpServletResponse response, Duration left)
            throws IOException {
        long seconds = Math.max(1, left.toSeconds());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        FilterProblems.send(request, response, HttpStatus.TOO_MANY_REQUESTS,
                "too many failed logins for this name or address; try again in " + seconds + " s");
    }

    private static String basicUsername(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null; // malformed: BasicAuthenticationFilter answers it
        }
    }
}
