package ru.gov.tomsk.opendata.ops.console;

import java.util.Collection;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import ru.gov.tomsk.opendata.ops.Role;

/**
 * What every console page shows around its content: who is signed in, in which role, and whether the operator's
 * buttons appear. The roles are resolved through the application's role hierarchy, so an ADMIN sees what an
 * OPERATOR sees; hiding a button is a courtesy only, the security chain refuses the POST of a VIEWER anyway.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final RoleHierarchy roles;
    private final ConsoleText text;

    ConsoleModel(RoleHierarchy roles, ConsoleText text) {
        this.roles = roles;
        this.text = text;
    }

    /** The same attributes for a page rendered by an exception handler, where model attribute methods do not run. */
    void fill(org.springframework.ui.Model model) {
        model.addAttribute("text", text());
        model.addAttribute("user", user());
        model.addAttribute("roleName", roleName());
        model.addAttribute("canOperate", canOperate());
        model.addAttribute("isAdmin", isAdmin());
        model.addAttribute("canTry", canTry());
    }

    @ModelAttribute("text")
    ConsoleText text() {
        return text;
    }

    @ModelAttribute("user")
    String user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "" : auth.getName();
    }

    @ModelAttribute("roleName")
    String roleName() {
        if (has(Role.ADMIN)) {
            return "администратор";
        }
        return has(Role.OPERATOR) ? "оператор" : has(Role.DEPARTMENT) ? "ведомство"
                : has(Role.VIEWER) ? "наблюдатель" : "";
    }

    @ModelAttribute("canOperate")
    boolean canOperate() {
        return has(Role.OPERATOR);
    }

    /** Whether the page offers «Проверить набор до публикации» (DEPARTMENT and above). */
    @ModelAttribute("canTry")
    boolean canTry() {
        return has(Role.DEPARTMENT);
    }

    @ModelAttribute("isAdmin")
    boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** The highest role the signed-in user has, through the hierarchy; null if none. */
    Role highestRole() {
        return has(Role.ADMIN) ? Role.ADMIN : has(Role.OPERATOR) ? Role.OPERATOR
                : has(Role.DEPARTMENT) ? Role.DEPARTMENT : has(Role.VIEWER) ? Role.VIEWER : null;
    }

    private boolean has(Role role) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return false;
        }
        Collection<? extends GrantedAuthority> reachable = roles.getReachableGrantedAuthorities(auth.getAuthorities());
        return reachable.stream().anyMatch(a -> role.authority().equals(a.getAuthority()));
    }
}
