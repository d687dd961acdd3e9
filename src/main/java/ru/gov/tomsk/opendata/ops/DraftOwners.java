package ru.gov.tomsk.opendata.ops;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Whose drafts an account may try and install. An OPERATOR (and an ADMIN) any; a DEPARTMENT account those whose
 * identifier ({@code <INN>-<code>}) starts with one of its {@code owners}, so that one department cannot replace
 * another's dataset; anyone else none.
 */
@Component
public class DraftOwners {

    private final RoleHierarchy roles;
    private final Map<String, List<String>> owners = new HashMap<>();

    public DraftOwners(RoleHierarchy roles, SecurityProperties properties) {
        this.roles = roles;
        properties.users().forEach((name, account) -> owners.put(LoginNames.canonical(name), account.owners()));
    }

    /** Whether {@code who} may try and install the draft of feed {@code identifier}. */
    public boolean mayUse(Authentication who, String identifier) {
        if (who == null || identifier == null) {
            return false;
        }
        if (has(who, Role.OPERATOR)) {
            return true;
        }
        if (!has(who, Role.DEPARTMENT)) {
            return false;
        }
        return ownersOf(who).stream().anyMatch(inn -> identifier.startsWith(inn + "-"));
    }

    /** The INNs of a DEPARTMENT account, to say which drafts it may use. */
    public List<String> ownersOf(Authentication who) {
        return who == null ? List.of() : owners.getOrDefault(LoginNames.canonical(who.getName()), List.of());
    }

    /** Whether {@code who} may try drafts at all (DEPARTMENT or above). */
    public boolean mayTry(Authentication who) {
        return who != null && has(who, Role.DEPARTMENT);
    }

    private boolean has(Authentication who, Role role) {
        Collection<? extends GrantedAuthority> reachable = roles.getReachableGrantedAuthorities(who.getAuthorities());
        return reachable.stream().anyMatch(a -> role.authority().equals(a.getAuthority()));
    }
}
