package ru.gov.tomsk.opendata.ops.console;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;
import ru.gov.tomsk.opendata.ops.DraftDryRun;
import ru.gov.tomsk.opendata.ops.DraftRefusedException;
import ru.gov.tomsk.opendata.ops.DraftUpload;
import ru.gov.tomsk.opendata.ops.Drafts;
import ru.gov.tomsk.opendata.ops.DryRunProperties;
import ru.gov.tomsk.opendata.ops.DryRunRefusedException;
import ru.gov.tomsk.opendata.ops.FeedFileValidator;
import ru.gov.tomsk.opendata.ops.ServerPaths;

/**
 * «Проверить набор до публикации»: a department uploads a draft feed file (and a sample file), sees what it would
 * publish, and installs it. A plain form, no script. The draft that was tried last and could be installed is kept in
 * the session, so that «Установить набор» installs exactly what was shown, without uploading it again.
 */
@Controller
class TryController {

    static final String PAGE = "/admin/try";
    /** The session's draft that «Установить набор» installs. */
    static final String TRIED = TryController.class.getName() + ".tried";
    private static final int DEFAULT_ROWS = 20;

    private final Drafts drafts;
    private final DryRunProperties settings;
    private final ConsoleAudit audit;
    private final ServerPaths paths;

    TryController(Drafts drafts, DryRunProperties settings, ConsoleAudit audit, ServerPaths paths) {
        this.drafts = drafts;
        this.settings = settings;
        this.audit = audit;
        this.paths = paths;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        model.addAttribute("rows", Math.min(DEFAULT_ROWS, settings.maxRows()));
        model.addAttribute("maxRows", settings.maxRows());
        limits(model, settings);
        return "admin/try";
    }

    static void limits(Model model, DryRunProperties settings) {
        model.addAttribute("maxSample", settings.maxSampleSize().toMegabytes() > 0
                ? settings.maxSampleSize().toMegabytes() + " МБ" : settings.maxSampleSize().toKilobytes() + " КБ");
        model.addAttribute("maxFeed", FeedFileValidator.MAX_BYTES / 1024 + " КБ");
    }

    @PostMapping(PAGE)
    String tryDraft(HttpServletRequest request, @RequestParam(name = "rows", required = false) String rows,
                    Authentication who, Principal principal, HttpSession session, Model model,
                    HttpServletResponse response) {
        page(model);
        session.removeAttribute(TRIED);
        int n = rows(rows);
        if (n < 1 || n > settings.maxRows()) {
            return refused(model, response, 400, "Число строк для показа должно быть от 1 до " + settings.maxRows() + ".",
                    null);
        }
        model.addAttribute("rows", n);
        DraftUpload upload;
        FeedDefinition feed;
        try {
            if (!(request instanceof MultipartHttpServletRequest multipart)) {
                return refused(model, response, 400, "Форма отправлена без файлов; выберите описание набора.", null);
            }
            upload = DraftUpload.read(multipart, settings);
            feed = drafts.parse(who, upload.yaml());
        } catch (InvalidFeedException e) {
            audit.refused(principal, "try draft", "draft", "invalid: " + e.problems().size() + " problem(s)");
            model.addAttribute("problems", e.problems());
            response.setStatus(422);
            return "admin/try";
        } catch (DraftRefusedException e) {
            audit.refused(principal, "try draft", "draft", e.getMessage());
            return refused(model, response, e.reason().httpStatus(), e.russian(), paths.hide(e.getMessage()));
        }
        String subject = "draft " + feed.identifier();
        DraftDryRun draft;
        try {
            draft = drafts.tryDraft(feed, upload.sample(), n);
        } catch (DryRunRefusedException e) {
            audit.refused(principal, "try draft", subject, e.getMessage());
            return refused(model, response, e.reason().httpStatus(), FeedActionsController.refusal(e.reason()),
                    paths.hide(e.getMessage()));
        } catch (DraftRefusedException e) {
            audit.refused(principal, "try draft", subject, e.getMessage());
            return refused(model, response, e.reason().httpStatus(), e.russian(), paths.hide(e.getMessage()));
        }
        audit.done(principal, "try draft", subject, draft.result().error() != null ? "failed: " + draft.result().error()
                : draft.result().rowsRead() + " read, " + draft.result().rowsRejected() + " rejected");
        model.addAttribute("draft", draft);
        model.addAttribute("r", draft.result());
        model.addAttribute("errorDetail", paths.hide(draft.result().error()));
        if (draft.installable()) {
            session.setAttribute(TRIED, upload);
        }
        return "admin/try";
    }

    @PostMapping(PAGE + "/install")
    String install(Authentication who, Principal principal, HttpSession session, RedirectAttributes redirect) {
        if (!(session.getAttribute(TRIED) instanceof DraftUpload upload)) {
            Flash.refused(redirect, "Нечего устанавливать: сначала проверьте набор. Проверенный набор можно установить "
                    + "один раз, сразу после проверки.", null);
            return "redirect:" + PAGE;
        }
        String subject = "draft";
        try {
            FeedDefinition feed = drafts.parse(who, upload.yaml());
            subject = "feed " + feed.identifier();
            Drafts.Installed installed = drafts.install(feed, upload.yaml(), upload.sample());
            session.removeAttribute(TRIED);
            audit.done(principal, "install draft", subject, (installed.replaced() ? "replaced " : "installed ")
                    + installed.feedFile().getFileName() + (installed.dropped() == null ? ""
                    : ", sample dropped as " + installed.dropped().getFileName()));
            Flash.done(redirect, "Набор «" + feed.passport().title() + "» установлен: файл описания "
                    + installed.feedFile().getFileName() + (installed.replaced() ? " заменён" : " сохранён")
                    + ". Сервис подхватит его в течение минуты" + (installed.dropped() == null ? "."
                    : "; файл с данными " + installed.dropped().getFileName() + " положен в папку приёма и будет "
                    + "опубликован при ближайшем запуске по расписанию."));
        } catch (InvalidFeedException e) {
            audit.refused(principal, "install draft", subject, "invalid: " + e.problems().size() + " problem(s)");
            Flash.refused(redirect, "Описание набора содержит ошибки; проверьте его снова.", null);
        } catch (DraftRefusedException e) {
            audit.refused(principal, "install draft", subject, e.getMessage());
            Flash.refused(redirect, e.russian(), paths.hide(e.getMessage()));
        }
        return "redirect:" + PAGE;
    }

    static String refused(Model model, HttpServletResponse response, int status, String text, String detail) {
        response.setStatus(status);
        model.addAttribute("refusal", new Flash(false, text, detail));
        return "admin/try";
    }

    private int rows(String rows) {
        try {
            return rows == null || rows.isBlank() ? Math.min(DEFAULT_ROWS, settings.maxRows()) : Integer.parseInt(rows.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
