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
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login attempt (HTTP Basic credentials, or the console's login form) whose name or client address is
 * locked by {@link LoginThrottle}, before the password is even checked: 429 with {@code Retry-After} for the API,
 * back to the login page with a notice for the console.
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
        String username = form ? request.getParameter("username") : basicUsername(request);
        if (username == null && !form) {
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
        long seconds = Math.max(1, Duration.between(clock.instant(), locked.get()).toSeconds());
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                + "\"detail\":\"too many failed logins for this name or address; try again in " + seconds + " s\"}");
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
