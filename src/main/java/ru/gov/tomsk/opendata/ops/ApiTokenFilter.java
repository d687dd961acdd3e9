package ru.gov.tomsk.opendata.ops;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

import ru.gov.tomsk.opendata.ops.token.ApiToken;
import ru.gov.tomsk.opendata.ops.token.ApiTokens;

/**
 * Authenticates {@code Authorization: Bearer <token>} with a personal API token ({@link ApiTokens}). The request acts
 * as the token's owner with the lower of the token's role and the owner's current one, so a token never outlives a
 * downgrade or removal of its owner's account. Refusals are 401 problem documents that say why (unknown, expired,
 * revoked, owner gone) with {@code WWW-Authenticate: Bearer}. The failed-login lock applies: an unknown token counts
 * for its address, and a token of a locked owner is refused like that owner's password (one lock per person).
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final UserDetailsService accounts;
    private final RoleHierarchy roles;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiTokenFilter(ApiTokens tokens, UserDetailsService accounts, RoleHierarchy roles, LoginThrottle throttle, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.roles = roles;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** The token of an {@code Authorization: Bearer …} header, or null when the request sends none. */
    static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = bearerToken(request);
        if (secret == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiToken> found = tokens.find(secret);
        if (found.isEmpty()) {
            throttle.unknownToken(request.getRemoteAddr());
            refuse(request, response, "the Bearer token is not an API token of this service; an ADMIN creates tokens "
                    + "in the console (/admin/tokens)");
            return;
        }
        ApiToken token = found.get();
        Instant now = clock.instant();
        switch (token.state(now)) {
            case REVOKED -> {
                refuse(request, response, "API token '" + token.name() + "' was revoked on " + token.revokedAt()
                        + "; ask an ADMIN for a new one");
                return;
            }
            case EXPIRED -> {
                refuse(request, response, "API token '" + token.name() + "' expired on " + token.expiresAt()
                        + "; ask an ADMIN for a new one");
                return;
            }
            case ACTIVE -> {
            }
        }
        Optional<Instant> locked = throttle.lockedUntil(token.owner(), request.getRemoteAddr());
        if (locked.isPresent()) {
            LoginThrottleFilter.tooManyFailures(request, response, Duration.between(now, locked.get()));
            return;
        }
        UserDetails owner;
        try {
            owner = accounts.loadUserByUsername(token.owner());
        } catch (UsernameNotFoundException e) {
            refuse(request, response, "API token '" + token.name() + "' belongs to '" + token.owner() + "', who no longer "
                    + "has an account; ask an ADMIN for a new one");
            return;
        }
        Role effective = capped(token.role(), owner.getAuthorities());
        if (effective == null || !owner.isEnabled()) {
            refuse(request, response, "API token '" + token.name() + "' belongs to '" + token.owner() + "', whose "
                    + "account has no role now");
            return;
        }
        tokens.used(token);
        ApiTokenAuthentication authentication = new ApiTokenAuthentication(owner.getUsername(), token,
                List.of(new SimpleGrantedAuthority(effective.authority())));
        authentication.setDetails(new WebAuthenticationDetails(request));
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    /** The token's role, or the owner's highest role if that is lower; null if the owner has none. */
    private Role capped(Role tokenRole, Collection<? extends GrantedAuthority> ownerAuthorities) {
        Collection<? extends GrantedAuthority> reachable = roles.getReachableGrantedAuthorities(ownerAuthorities);
        for (Role role = tokenRole; ; role = Role.values()[role.ordinal() - 1]) {
            String authority = role.authority();
            if (reachable.stream().anyMatch(a -> authority.equals(a.getAuthority()))) {
                return role;
            }
            if (role.ordinal() == 0) {
                return null;
            }
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"opendata-bridge\", error=\"invalid_token\"");
        FilterProblems.send(request, response, HttpStatus.UNAUTHORIZED, detail);
    }
}
