package ru.gov.tomsk.opendata.ops.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gov.tomsk.opendata.catalog.CommitResult;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.HeldDecisionRefused;
import ru.gov.tomsk.opendata.catalog.HeldVersion;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.pipeline.HeldVersions;
import ru.gov.tomsk.opendata.ops.Audit;
import ru.gov.tomsk.opendata.publish.Delivery;
import ru.gov.tomsk.opendata.publish.Outbox;

/**
 * An operator's decisions: approve or discard a held version, retry a delivery. Post/Redirect/Get back to the
 * feed's page with a one-time message; the signed-in user is recorded as the one who decided.
 */
@Controller
class DecisionController {

    private final GateRepository gate;
    private final HeldVersions heldVersions;
    private final FeedRegistry registry;
    private final Outbox outbox;
    private final ConsoleAudit audit;
    private final ConsoleText text;

    DecisionController(GateRepository gate, HeldVersions heldVersions, FeedRegistry registry, Outbox outbox,
                       ConsoleAudit audit, ConsoleText text) {
        this.gate = gate;
        this.heldVersions = heldVersions;
        this.registry = registry;
        this.outbox = outbox;
        this.audit = audit;
        this.text = text;
    }

    @PostMapping("/admin/held/{heldId}/approve")
    String approve(@PathVariable long heldId, Principal principal, RedirectAttributes redirect) {
        CommitResult result;
        try {
            result = heldVersions.approve(heldId, Audit.user(principal));
        } catch (HeldDecisionRefused e) {
            return refused(e, "approve", principal, redirect);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.done(principal, "approve", subject(heldId), (result.created() ? "published as " : "same content as ")
                + result.dataVersion());
        Flash.done(redirect, result.created()
                ? "Версия утверждена и опубликована как " + result.dataVersion() + "."
                : "Версия утверждена; её содержимое совпадает с опубликованной версией " + result.dataVersion() + ".");
        return back(heldId);
    }

    @PostMapping("/admin/held/{heldId}/discard")
    String discard(@PathVariable long heldId, Principal principal, RedirectAttributes redirect) {
        try {
            heldVersions.discard(heldId, Audit.user(principal));
        } catch (HeldDecisionRefused e) {
            return refused(e, "discard", principal, redirect);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.done(principal, "discard", subject(heldId), "discarded");
        Flash.done(redirect, "Версия отклонена. Опубликованные данные не изменились.");
        return back(heldId);
    }

    @PostMapping("/admin/deliveries/{deliveryId}/retry")
    String retry(@PathVariable long deliveryId, Principal principal, RedirectAttributes redirect) {
        Optional<Delivery> found = outbox.delivery(deliveryId);
        if (found.isEmpty()) {
            audit.refused(principal, "retry", "delivery " + deliveryId, "no such delivery");
            Flash.refused(redirect, "Доставка № " + deliveryId + " не найдена.", null);
            return "redirect:/admin/";
        }
        Delivery delivery = found.get();
        String subject = "delivery " + deliveryId + " of " + delivery.identifier() + " version " + delivery.dataVersion()
                + " to " + delivery.target();
        try {
            Delivery retried = outbox.retry(deliveryId, Audit.user(principal));
            audit.done(principal, "retry", subject, "now " + retried.status());
            Flash.done(redirect, "Доставка версии " + delivery.dataVersion() + " в «" + delivery.target()
                    + "» запущена повторно; сейчас: " + text.delivery(retried.status()) + ".");
        } catch (IllegalStateException e) {
            audit.refused(principal, "retry", subject, e.getMessage());
            Flash.refused(redirect, "Повторить эту доставку нельзя: повторяются только не доставленные и ожидающие "
                    + "отправки.", e.getMessage());
        }
        return feedOrOverview(delivery.identifier());
    }

    /** Says in Russian why the decision was not taken, and goes back where it came from. */
    private String refused(HeldDecisionRefused e, String action, Principal principal, RedirectAttributes redirect) {
        long heldId = e.heldId();
        HeldVersion h = e.held();
        audit.refused(principal, action, h == null ? "held version " + heldId : subject(heldId), e.getMessage());
        switch (e.reason()) {
            case NOT_FOUND -> Flash.refused(redirect, "Задержанная версия № " + heldId + " не найдена.", null);
            case ALREADY_DECIDED -> Flash.refused(redirect, "Решение по этой версии уже принято: " + decided(h.status())
                    + (h.decidedBy() == null ? "" : " (" + h.decidedBy() + ", " + text.dateTime(h.decidedAt()) + ")") + ".", null);
            case FEED_NOT_LOADED -> Flash.refused(redirect, "Версию нельзя утвердить: файл описания набора содержит "
                    + "ошибки или удалён, поэтому паспорт набора неизвестен. Сначала исправьте файл.", null);
        }
        return back(heldId);
    }

    private String subject(long heldId) {
        return "held version " + heldId + gate.held(heldId).map(h -> " of " + h.identifier()).orElse("");
    }

    private static String decided(HeldVersion.Status status) {
        return switch (status) {
            case HELD -> "ждёт решения";
            case APPROVED -> "утверждена";
            case DISCARDED -> "отклонена";
            case SUPERSEDED -> "заменена более новой версией";
        };
    }

    /** The page of the held version's feed, or the overview when the version (or its feed) is unknown. */
    private String back(long heldId) {
        return gate.held(heldId).map(h -> feedOrOverview(h.identifier())).orElse("redirect:/admin/");
    }

    private String feedOrOverview(String feedId) {
        return registry.feed(feedId).isPresent() || registry.broken().containsKey(feedId)
                ? FeedActionsController.feedPage(feedId) : "redirect:/admin/";
    }
}
