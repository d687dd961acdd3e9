package ru.gov.tomsk.opendata.ops.ingest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.ops.FilterProblems;
import ru.gov.tomsk.opendata.ops.ingest.PushTokens.PushToken;

/**
 * Lets a request to {@code /api/ingest/<feed>/…} through only with that feed's own push token
 * ({@code Authorization: Bearer odp_…}). Refusals are problem documents that say why:
 * <ul>
 *   <li>404: no push feed of that name (none loaded, or its source kind is not {@code push});</li>
 *   <li>401 with {@code WWW-Authenticate: Bearer}: no token, or not a push token of this service (mistyped, revoked,
 *       or replaced by a newer one);</li>
 *   <li>403: a valid push token, but of another feed. The caller has proved who it is, so the answer is not "who are
 *       you" (401) but "not this feed": it tells the integrator who mixed up two feeds' tokens exactly that, where a 401
 *       would send them to ask for a new token that would not help.</li>
 * </ul>
 * Push tokens open nothing else: they are looked up only here, and this filter runs only in the ingest chain.
 */
class PushTokenFilter extends OncePerRequestFilter {

    static final String REALM = "opendata-push";
    static final String ROLE = "ROLE_PUSH";

    private final PushTokens tokens;
    private final FeedRegistry registry;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    PushTokenFilter(PushTokens tokens, FeedRegistry registry) {
        this.tokens = tokens;
        this.registry = registry;
    }

    /** The feed a path under {@code /api/ingest/} names, or null. */
    static String feedOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PushController.BASE + "/")) {
            return null;
        }
        String rest = path.substring(PushController.BASE.length() + 1);
        int slash = rest.indexOf('/');
        String feed = slash < 0 ? rest : rest.substring(0, slash);
        return feed.isEmpty() ? null : feed;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String feedId = feedOf(request);
        Optional<FeedDefinition> feed = feedId == null ? Optional.empty() : registry.feed(feedId);
        if (feed.isEmpty()) {
            FilterProblems.send(request, response, HttpStatus.NOT_FOUND, feedId == null
                    ? "the address is /api/ingest/<feed identifier>" : "no feed '" + clip(feedId) + "' is loaded");
            return;
        }
        String kind = feed.get().source().kind();
        if (!feed.get().pushed()) {
            FilterProblems.send(request, response, HttpStatus.NOT_FOUND, "feed " + feedId + " is not a push feed: its"
                    + " source kind is '" + kind + "', so the service reads its data itself; only a feed with source kind"
                    + " 'push' accepts data at this address");
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            refuse(request, response, null, "send the feed's push token: Authorization: Bearer odp_…; an ADMIN issues"
                    + " it on the feed's page in the admin console");
            return;
        }
        Optional<PushToken> token = tokens.find(header.substring(7).strip());
        if (token.isEmpty()) {
            refuse(request, response, "invalid_token", "the token is not a push token of this service: mistyped,"
                    + " revoked, or replaced by a newer one; ask the portal's administrator for the feed's current token");
            return;
        }
        if (!token.get().feedId().equals(feedId)) {
            FilterProblems.send(request, response, HttpStatus.FORBIDDEN, "this token is the push token of feed "
                    + token.get().feedId() + ", not of feed " + feedId + "; each feed has its own token");
            return;
        }
        tokens.used(token.get());
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new PushAuthentication(feedId));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String error, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\""
                + (error == null ? "" : ", error=\"" + error + "\""));
        FilterProblems.send(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    private static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    /** A request made with a feed's push token: it may push to that feed and read its pushes' status, nothing else. */
    static final class PushAuthentication extends AbstractAuthenticationToken {
        private final String feedId;

        PushAuthentication(String feedId) {
            super(List.of(new SimpleGrantedAuthority(ROLE)));
            this.feedId = feedId;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return "push:" + feedId;
        }
    }
}
