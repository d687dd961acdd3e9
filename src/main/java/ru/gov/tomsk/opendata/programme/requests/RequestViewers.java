package ru.gov.tomsk.opendata.programme.requests;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.DraftOwners;
import ru.gov.tomsk.opendata.ops.Role;

/**
 * Who sees which requests, the same in the console and the admin API. An OPERATOR (and an ADMIN) sees every request
 * with its contact, the one who answers needs it; a VIEWER every request without it; a DEPARTMENT account only the
 * requests routed to its organisations ({@code owners}, as for drafts: {@link DraftOwners}), without it. Changing
 * anything is the OPERATOR's: the security chains refuse the POSTs of the others.
 */
@Component
public class RequestViewers {

    private final RoleHierarchy roles;
    private final DraftOwners owners;
    private final RequestDeadlines deadlines;

    public RequestViewers(RoleHierarchy roles, DraftOwners owners, RequestDeadlines deadlines) {
        this.roles = roles;
        this.owners = owners;
        this.deadlines = deadlines;
    }

    /** Whether {@code who} answers requests and so sees the contact. */
    public boolean operates(Authentication who) {
        return has(who, Role.OPERATOR);
    }

    /** A DEPARTMENT account's own INNs; empty for any other account, which is not limited to some departments. */
    public Optional<List<String>> limitedTo(Authentication who) {
        if (who == null || operates(who) || !has(who, Role.DEPARTMENT)) {
            return Optional.empty();
        }
        return Optional.of(owners.ownersOf(who));
    }

    public boolean sees(Authentication who, DataRequest request) {
        return limitedTo(who).map(inns -> request.department() != null && inns.contains(request.department()))
                .orElse(who != null && has(who, Role.VIEWER));
    }

    /** The requests {@code who} sees, with their status, filtered; the newest first. */
    public List<RequestDeadlines.Tracked> visible(Authentication who, Filter filter) {
        return deadlines.all().stream().filter(t -> sees(who, t.request())).filter(t -> filter.accepts(t.status()))
                .toList();
    }

    private boolean has(Authentication who, Role role) {
        return who != null && roles.getReachableGrantedAuthorities(who.getAuthorities()).stream()
                .anyMatch(a -> role.authority().equals(a.getAuthority()));
    }

    /** The lists' filters: the unanswered, the overdue, or all. */
    public enum Filter {
        OPEN("неотвеченные"), OVERDUE("просроченные"), ALL("все");

        private final String russian;

        Filter(String russian) {
            this.russian = russian;
        }

        public String russian() {
            return russian;
        }

        /** As the URL says it: open, overdue, all. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean accepts(RequestStatus status) {
            return switch (this) {
                case OPEN -> status.open();
                case OVERDUE -> status == RequestStatus.OVERDUE;
                case ALL -> true;
            };
        }

        public static Optional<Filter> of(String word) {
            for (Filter f : values()) {
                if (f.word().equals(word)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }
}
