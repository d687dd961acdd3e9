package ru.gov.tomsk.opendata.ops.console;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gov.tomsk.opendata.ops.Audit;
import ru.gov.tomsk.opendata.ops.Role;
import ru.gov.tomsk.opendata.ops.token.ApiToken;
import ru.gov.tomsk.opendata.ops.token.ApiTokens;
import ru.gov.tomsk.opendata.ops.token.IssuedToken;

/**
 * «API-токены» ({@code /admin/tokens}, ADMIN only, by the security chain): the personal tokens scripts use instead of
 * a password. A new token belongs to the administrator who creates it and may act with a role up to theirs; its
 * secret is shown on the one page that follows the creation and never again (a one-time flash attribute, so a
 * reload or the back button does not show it).
 */
@Controller
class TokensController {

    static final String ISSUED = "issued";

    private final ApiTokens tokens;
    private final ConsoleModel frame;
    private final ConsoleAudit audit;
    private final Clock clock;

    TokensController(ApiTokens tokens, ConsoleModel frame, ConsoleAudit audit, Clock clock) {
        this.tokens = tokens;
        this.frame = frame;
        this.audit = audit;
        this.clock = clock;
    }

    /** A row of the list: the token and its state now. */
    record Row(ApiToken token, ApiToken.State state) {
    }

    /** What the page after the creation shows once. */
    record Shown(String secret, ApiToken token) {
        @Override
        public String toString() {
            return "Shown[" + token.label() + "]";
        }
    }

    @GetMapping("/admin/tokens")
    String list(Model model) {
        Instant now = clock.instant();
        model.addAttribute("rows", tokens.all().stream().map(t -> new Row(t, t.state(now))).toList());
        model.addAttribute("roles", assignable());
        model.addAttribute("defaultDays", tokens.settings().defaultLifetime().toDays());
        model.addAttribute("maxDays", tokens.settings().maxLifetime().toDays());
        return "admin/tokens";
    }

    @PostMapping("/admin/tokens")
    String create(@RequestParam(name = "name", required = false) String name,
                  @RequestParam(name = "role", required = false) String role,
                  @RequestParam(name = "days", required = false) String days,
                  Principal principal, RedirectAttributes redirect) {
        String cleanName = name == null ? "" : name.strip();
        long maxDays = tokens.settings().maxLifetime().toDays();
        Optional<Role> chosen = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst();
        Long lifetime = wholeNumber(days);
        String problem = null;
        if (!ApiTokens.validName(cleanName)) {
            problem = "Укажите название токена — от 1 до " + ApiTokens.MAX_NAME_LENGTH
                    + " символов, например, для какого скрипта он нужен.";
        } else if (chosen.isEmpty() || !assignable().contains(chosen.get())) {
            problem = "Выберите роль токена: " + String.join(", ", assignable().stream().map(Role::name).toList()) + ".";
        } else if (lifetime == null || lifetime < 1 || lifetime > maxDays) {
            problem = "Срок действия — целое число дней от 1 до " + maxDays + ".";
        }
        if (problem != null) {
            audit.refused(principal, "create token", "API token '" + cleanName + "'", problem);
            Flash.refused(redirect, "Токен не создан. " + problem, null);
            return "redirect:/admin/tokens";
        }
        IssuedToken issued = tokens.issue(Audit.user(principal), frame.highestRole(), cleanName, chosen.get(),
                Duration.ofDays(lifetime));
        ApiToken token = issued.token();
        audit.done(principal, "create token", token.label(), "role " + token.role() + ", expires " + token.expiresAt());
        redirect.addFlashAttribute(ISSUED, new Shown(issued.secret(), token));
        Flash.done(redirect, "Токен «" + token.name() + "» создан. Скопируйте его сейчас: после ухода с этой страницы "
                + "его нельзя будет увидеть снова.");
        return "redirect:/admin/tokens";
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revoke(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        Optional<ApiToken> token = tokens.byId(id);
        if (token.isEmpty()) {
            audit.refused(principal, "revoke token", "API token " + id, "no such token");
            Flash.refused(redirect, "Токен № " + id + " не найден.", null);
        } else if (!tokens.revoke(id, Audit.user(principal))) {
            audit.refused(principal, "revoke token", token.get().label(), "revoked already");
            Flash.refused(redirect, "Токен «" + token.get().name() + "» уже отозван.", null);
        } else {
            audit.done(principal, "revoke token", token.get().label(), "revoked");
            Flash.done(redirect, "Токен «" + token.get().name() + "» отозван: запросы с ним больше не принимаются.");
        }
        return "redirect:/admin/tokens";
    }

    /** The roles the signed-in administrator may give a token: their own and below. */
    private List<Role> assignable() {
        Role highest = frame.highestRole();
        return Arrays.stream(Role.values()).filter(r -> highest != null && r.compareTo(highest) <= 0).toList();
    }

    private static Long wholeNumber(String value) {
        try {
            return value == null ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
