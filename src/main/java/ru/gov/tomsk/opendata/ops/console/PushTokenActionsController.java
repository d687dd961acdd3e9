package ru.gov.tomsk.opendata.ops.console;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.ops.Audit;
import ru.gov.tomsk.opendata.ops.ingest.PushTokens;
import ru.gov.tomsk.opendata.ops.ingest.PushTokens.IssuedPushToken;

/**
 * The push token of a push feed, on the feed's page (ADMIN only, by the security chain): issued, or rotated (a new one
 * replaces the old at once), or revoked. Like a personal API token, the secret is shown on the one page that follows
 * and never again (a one-time flash attribute).
 */
@Controller
class PushTokenActionsController {

    static final String ISSUED = "issuedPushToken";

    private final PushTokens tokens;
    private final FeedRegistry registry;
    private final ConsoleAudit audit;

    PushTokenActionsController(PushTokens tokens, FeedRegistry registry, ConsoleAudit audit) {
        this.tokens = tokens;
        this.registry = registry;
        this.audit = audit;
    }

    @PostMapping("/admin/feeds/{id}/push-token")
    String issue(@PathVariable String id, Principal principal, RedirectAttributes redirect) {
        if (!isPushFeed(id, principal, "issue push token", redirect)) {
            return FeedActionsController.feedPage(id);
        }
        boolean rotated = tokens.of(id).isPresent();
        IssuedPushToken issued = tokens.issue(id, Audit.user(principal));
        audit.done(principal, rotated ? "rotate push token" : "issue push token", "feed " + id,
                rotated ? "issued; the previous token no longer works" : "issued");
        redirect.addFlashAttribute(ISSUED, issued.secret());
        Flash.done(redirect, (rotated ? "Выпущен новый токен выгрузки; прежний больше не действует. " : "Токен выгрузки выпущен. ")
                + "Скопируйте его сейчас и передайте владельцу информационной системы защищённым способом: после ухода"
                + " с этой страницы его нельзя будет увидеть снова.");
        return FeedActionsController.feedPage(id);
    }

    @PostMapping("/admin/feeds/{id}/push-token/revoke")
    String revoke(@PathVariable String id, Principal principal, RedirectAttributes redirect) {
        if (!isPushFeed(id, principal, "revoke push token", redirect)) {
            return FeedActionsController.feedPage(id);
        }
        if (tokens.revoke(id)) {
            audit.done(principal, "revoke push token", "feed " + id, "revoked");
            Flash.done(redirect, "Токен выгрузки отозван: выгрузки с ним больше не принимаются.");
        } else {
            audit.refused(principal, "revoke push token", "feed " + id, "no token");
            Flash.refused(redirect, "У набора нет токена выгрузки.", null);
        }
        return FeedActionsController.feedPage(id);
    }

    private boolean isPushFeed(String id, Principal principal, String action, RedirectAttributes redirect) {
        var feed = registry.feed(id);
        if (feed.isEmpty() && !registry.broken().containsKey(id)) {
            throw new FeedNotFoundException(id);
        }
        if (feed.isEmpty() || !feed.get().pushed()) {
            audit.refused(principal, action, "feed " + id, "not a loaded push feed");
            Flash.refused(redirect, "Токен выгрузки есть только у набора с источником push (выгрузка из информационной"
                    + " системы), и только пока файл его описания без ошибок.", null);
            return false;
        }
        return true;
    }
}
