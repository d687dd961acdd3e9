package ru.gov.tomsk.opendata.ops;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

import ru.gov.tomsk.opendata.ops.token.ApiToken;

/**
 * A request authenticated by a personal API token: it acts as the token's owner (so decisions record that account,
 * as with Basic), with the token's role capped by the owner's; the audit log also names the token.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String owner;
    private final ApiToken token;

    ApiTokenAuthentication(String owner, ApiToken token, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.owner = owner;
        this.token = token;
        setAuthenticated(true);
    }

    public ApiToken token() {
        return token;
    }

    /** Never the token: only its hash is known past the filter. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return owner;
    }
}
