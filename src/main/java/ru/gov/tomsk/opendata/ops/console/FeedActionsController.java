package ru.gov.tomsk.opendata.ops.console;

import java.security.Principal;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.ops.DryRunProperties;
import ru.gov.tomsk.opendata.ops.DryRunRefusedException;
import ru.gov.tomsk.opendata.ops.DryRunResult;
import ru.gov.tomsk.opendata.ops.DryRuns;
import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.ops.ServerPaths;
import ru.gov.tomsk.opendata.source.FeedRoutes;

/**
 * The operator's buttons on a feed: run now and dry run. Each POST answers with a redirect and a one-time message
 * (Post/Redirect/Get), so a reload never starts a second run. The security chain admits only OPERATOR and above.
 */
@Controller
class FeedActionsController {

    static final String DRY_RUN = "dryRun";

    private final FeedStatuses statuses;
    private final FeedRegistry registry;
    private final FeedRoutes routes;
    private final RunLog runLog;
    private final DryRuns dryRuns;
    private final DryRunProperties dryRunSettings;
    private final ConsoleAudit audit;
    private final ConsoleText text;
    private final ServerPaths paths;

    FeedActionsController(FeedStatuses statuses, FeedRegistry registry, FeedRoutes routes, RunLog runLog, DryRuns dryRuns,
                          DryRunProperties dryRunSettings, ConsoleAudit audit, ConsoleText text,
                          ServerPaths paths) {
        this.statuses = statuses;
        this.registry = registry;
        this.routes = routes;
        this.runLog = runLog;
        this.dryRuns = dryRuns;
        this.dryRunSettings = dryRunSettings;
        this.audit = audit;
        this.text = text;
        this.paths = paths;
    }

    @PostMapping("/admin/feeds/{id}/run")
    String run(@PathVariable String id, Principal principal, RedirectAttributes redirect) {
        known(id);
        String subject = "feed " + id;
        if (registry.feed(id).isEmpty()) {
            audit.refused(principal, "run now", subject, "the feed file is invalid");
            Flash.refused(redirect, "Набор нельзя запустить: файл его описания содержит ошибки. Исправьте файл — "
                    + "ошибки указаны в состоянии набора.", null);
            return feedPage(id);
        }
        Optional<FeedRun> last = runLog.runs(id, 1).stream().findFirst();
        if (last.isPresent() && last.get().status() == RunStatus.RUNNING) {
            audit.refused(principal, "run now", subject, "running now (run " + last.get().id() + ")");
            Flash.refused(redirect, "Набор уже выполняется (запуск № " + last.get().id() + " начат "
                    + text.dateTime(last.get().startedAt()) + "). Дождитесь его результата в истории запусков.", null);
            return feedPage(id);
        }
        try {
            routes.runNow(id);
        } catch (IllegalStateException e) {
            audit.refused(principal, "run now", subject, e.getMessage());
            Flash.refused(redirect, "Не удалось запустить набор: у него нет расписания (маршрут не создан; причина — "
                    + "в истории запусков).", paths.hide(e.getMessage()));
            return feedPage(id);
        }
        audit.done(principal, "run now", subject, "started");
        Flash.done(redirect, "Запуск начат. Его результат появится в истории запусков через несколько секунд — "
                + "обновите страницу.");
        return feedPage(id);
    }

    @PostMapping("/admin/feeds/{id}/dry-run")
    String dryRun(@PathVariable String id, @RequestParam(name = "rows", required = false) String rows,
                  Principal principal, RedirectAttributes redirect) {
        known(id);
        String subject = "feed " + id;
        int n;
        try {
            n = rows == null || rows.isBlank() ? Math.min(FeedPageController.DEFAULT_DRY_RUN_ROWS, dryRunSettings.maxRows())
                    : Integer.parseInt(rows.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > dryRunSettings.maxRows()) {
            audit.refused(principal, "dry run", subject, "rows must be 1 to " + dryRunSettings.maxRows());
            Flash.refused(redirect, "Число строк для показа должно быть от 1 до " + dryRunSettings.maxRows() + ".", null);
            return feedPage(id);
        }
        DryRunResult result;
        try {
            result = dryRuns.dryRun(id, n);
        } catch (DryRunRefusedException e) {
            audit.refused(principal, "dry run", subject, e.getMessage());
            Flash.refused(redirect, refusal(e.reason()), paths.hide(e.getMessage()));
            return feedPage(id);
        }
        audit.done(principal, "dry run", subject, result.error() != null ? "failed: " + result.error()
                : result.rowsRead() + " read, " + result.rowsRejected() + " rejected, a run would be " + result.outcome());
        redirect.addFlashAttribute(DRY_RUN, result);
        return feedPage(id) + "/dry-run";
    }

    /**
     * The result of the dry run just made. It is handed over once, as a flash attribute; a reload or a bookmark finds
     * none and offers to dry-run again, rather than showing a stale result as if it were current.
     */
    @GetMapping("/admin/feeds/{id}/dry-run")
    String dryRunResult(@PathVariable String id, Model model) {
        model.addAttribute("feed", statuses.of(id).orElseThrow(() -> new FeedNotFoundException(id)));
        model.addAttribute("loaded", registry.feed(id).isPresent());
        model.addAttribute("dryRunRows", Math.min(FeedPageController.DEFAULT_DRY_RUN_ROWS, dryRunSettings.maxRows()));
        model.addAttribute("dryRunMaxRows", dryRunSettings.maxRows());
        if (model.getAttribute(DRY_RUN) instanceof DryRunResult result) {
            model.addAttribute("errorDetail", paths.hide(result.error()));
        }
        return "admin/dry-run";
    }

    private void known(String id) {
        if (registry.feed(id).isEmpty() && !registry.broken().containsKey(id)) {
            throw new FeedNotFoundException(id);
        }
    }

    static String refusal(DryRunRefusedException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_FEED -> "Такого набора нет.";
            case INVALID_FEED -> "Пробный запуск невозможен: файл описания набора содержит ошибки.";
            case BUSY -> "Набор сейчас выполняется, или уже идёт пробный запуск. Повторите через минуту.";
            case NOT_AVAILABLE -> "Данные этого набора присылает информационная система (push): пробно читать нечего, результат"
                    + " показывает ответ на каждую отправку.";
            case BAD_REQUEST -> "Пробный запуск отклонён.";
        };
    }

    static String feedPage(String id) {
        return "redirect:/admin/feeds/" + org.springframework.web.util.UriUtils.encodePathSegment(id,
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
