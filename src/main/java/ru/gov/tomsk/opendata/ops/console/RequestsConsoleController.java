package ru.gov.tomsk.opendata.ops.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.ops.Audit;
import ru.gov.tomsk.opendata.programme.requests.DataRequest;
import ru.gov.tomsk.opendata.programme.requests.DataRequests;
import ru.gov.tomsk.opendata.programme.requests.RequestDeadlines;
import ru.gov.tomsk.opendata.programme.requests.RequestDepartments;
import ru.gov.tomsk.opendata.programme.requests.RequestDesk;
import ru.gov.tomsk.opendata.programme.requests.RequestNotices;
import ru.gov.tomsk.opendata.programme.requests.RequestOutcome;
import ru.gov.tomsk.opendata.programme.requests.RequestRefused;
import ru.gov.tomsk.opendata.programme.requests.RequestViewers;

/**
 * The requests for new datasets in the console: the list with each deadline's status, and a request's page where an
 * OPERATOR routes it to a department, answers it, redacts what the public sees, and sends a given-up notice again.
 * Post/Redirect/Get with a one-time message; a refused form comes back with the Russian error next to its field and
 * what was typed. VIEWER and DEPARTMENT read (a DEPARTMENT its own organisations' requests only); the contact e-mail
 * is on the request's page for an OPERATOR only, never in the list.
 */
@Controller
class RequestsConsoleController {

    static final String ERRORS = "errors";
    static final String FORM = "form";

    private final RequestViewers viewers;
    private final RequestDeadlines deadlines;
    private final RequestDesk desk;
    private final RequestDepartments departments;
    private final RequestNotices notices;
    private final DataRequests requests;
    private final CatalogRepository catalog;
    private final ConsoleAudit audit;

    RequestsConsoleController(RequestViewers viewers, RequestDeadlines deadlines, RequestDesk desk,
                              RequestDepartments departments, RequestNotices notices, DataRequests requests,
                              CatalogRepository catalog, ConsoleAudit audit) {
        this.viewers = viewers;
        this.deadlines = deadlines;
        this.desk = desk;
        this.departments = departments;
        this.notices = notices;
        this.requests = requests;
        this.catalog = catalog;
        this.audit = audit;
    }

    @GetMapping("/admin/requests")
    String list(@RequestParam(name = "filter", required = false) String filter, Authentication who, Model model) {
        RequestViewers.Filter chosen = RequestViewers.Filter.of(filter).orElse(RequestViewers.Filter.OPEN);
        model.addAttribute("filter", chosen);
        model.addAttribute("filters", RequestViewers.Filter.values());
        model.addAttribute("rows", viewers.visible(who, chosen));
        model.addAttribute("limitedTo", viewers.limitedTo(who).orElse(null));
        model.addAttribute("summary", deadlines.summary());
        model.addAttribute("warnDays", deadlines.warnDays());
        model.addAttribute("departments", departments);
        model.addAttribute("noticesConfigured", notices.configured());
        return "admin/requests";
    }

    @GetMapping("/admin/requests/{number}")
    String one(@PathVariable String number, Authentication who, Model model, HttpServletResponse response) {
        DataRequest request = requests.find(number).orElse(null);
        if (request == null || !viewers.sees(who, request)) {
            response.setStatus(request == null ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("missing", number);
            model.addAttribute("forbidden", request != null);
            return "admin/requests-missing";
        }
        model.addAttribute("r", request);
        model.addAttribute("status", deadlines.status(request));
        model.addAttribute("daysLeft", deadlines.daysLeft(request));
        model.addAttribute("showContact", viewers.operates(who));
        model.addAttribute("departmentName", departments.name(request.department()));
        model.addAttribute("departments", departments.all());
        model.addAttribute("datasets", catalog.publishedDatasets());
        model.addAttribute("datasetTitle", desk.datasetTitle(request.datasetId()).orElse(null));
        model.addAttribute("outcomes", RequestOutcome.values());
        model.addAttribute("today", deadlines.today());
        model.addAttribute("noticesConfigured", notices.configured());
        model.addAttribute("noticeNextAt", requests.noticeNextAt(number).orElse(null));
        if (!model.containsAttribute(ERRORS)) {
            model.addAttribute(ERRORS, Map.of());
        }
        if (!model.containsAttribute(FORM)) {
            model.addAttribute(FORM, Map.of());
        }
        return "admin/requests-one";
    }

    @PostMapping("/admin/requests/{number}/assign")
    String assign(@PathVariable String number, @RequestParam(required = false) String department, Principal principal,
                  RedirectAttributes redirect) {
        try {
            DataRequest r = desk.assign(number, department, Audit.user(principal));
            audit.done(principal, "assign request", "request " + number, "routed to " + r.department());
            Flash.done(redirect, "Запрос передан в ведомство: " + departments.name(r.department()) + ".");
        } catch (RequestRefused e) {
            return refused(e, principal, "assign request", number, "Запрос не передан", redirect,
                    Map.of("department", nz(department)));
        }
        return page(number);
    }

    @PostMapping("/admin/requests/{number}/answer")
    String answer(@PathVariable String number, @RequestParam(required = false) String outcome,
                  @RequestParam(required = false) String dataset, @RequestParam(required = false) String plannedOn,
                  @RequestParam(required = false) String answer, Principal principal, RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("outcome", nz(outcome));
        typed.put("dataset", nz(dataset));
        typed.put("plannedOn", nz(plannedOn));
        typed.put("answer", nz(answer));
        try {
            RequestDesk.Answer given = new RequestDesk.Answer(RequestDesk.outcome(outcome), dataset,
                    RequestDesk.date("plannedOn", plannedOn), answer);
            DataRequest r = desk.answer(number, given, Audit.user(principal));
            audit.done(principal, "answer request", "request " + number, r.outcome()
                    + (r.datasetId() != null ? " " + r.datasetId() : "")
                    + (r.plannedOn() != null ? " on " + r.plannedOn() : "")
                    + (r.noticeState() != null ? ", notice " + r.noticeState() : ""));
            String notice = r.noticeState() == null ? " Контакта для уведомления нет."
                    : notices.configured() ? " Уведомление заявителю поставлено в очередь отправки."
                    : " Уведомления по почте не настроены: письмо заявителю будет отправлено, когда их настроят.";
            Flash.done(redirect, "Ответ сохранён: " + r.outcome().russian() + "." + notice);
        } catch (RequestRefused e) {
            return refused(e, principal, "answer request", number, "Ответ не сохранён", redirect, typed);
        }
        return page(number);
    }

    @PostMapping("/admin/requests/{number}/redact")
    String redact(@PathVariable String number, @RequestParam(required = false) String what,
                  @RequestParam(required = false) String why, Principal principal, RedirectAttributes redirect) {
        try {
            DataRequest r = desk.redact(number, what, why, Audit.user(principal));
            audit.done(principal, "redact request", "request " + number, r.redacted() ? "public text redacted"
                    : "the citizen's own words shown");
            Flash.done(redirect, r.redacted() ? "Публикуемый текст запроса изменён."
                    : "Публикуется текст запроса в словах заявителя.");
        } catch (RequestRefused e) {
            return refused(e, principal, "redact request", number, "Текст не изменён", redirect,
                    Map.of("what", nz(what), "why", nz(why)));
        }
        return page(number);
    }

    @PostMapping("/admin/requests/{number}/notice")
    String resendNotice(@PathVariable String number, Principal principal, RedirectAttributes redirect) {
        try {
            desk.resendNotice(number);
            audit.done(principal, "resend notice", "request " + number, "queued again");
            Flash.done(redirect, "Уведомление поставлено в очередь отправки снова.");
        } catch (RequestRefused e) {
            return refused(e, principal, "resend notice", number, "Уведомление не отправлено", redirect, Map.of());
        }
        return page(number);
    }

    /** Back to the page with the Russian words: next to the field when one is at fault, else in the message. */
    private String refused(RequestRefused e, Principal principal, String action, String number, String what,
                           RedirectAttributes redirect, Map<String, String> typed) {
        audit.refused(principal, action, "request " + number, e.getMessage());
        if (e.reason() == RequestRefused.Reason.NOT_FOUND) {
            Flash.refused(redirect, e.russian(), null);
            return "redirect:/admin/requests";
        }
        if (e.field() != null && e.reason() == RequestRefused.Reason.INVALID) {
            Flash.refused(redirect, what + ": исправьте ошибку в форме.", null);
            redirect.addFlashAttribute(ERRORS, Map.of(e.field(), e.russian()));
            redirect.addFlashAttribute(FORM, typed);
        } else {
            Flash.refused(redirect, what + ". " + e.russian(), null);
        }
        return page(number);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    static String page(String number) {
        return "redirect:/admin/requests/" + URLEncoder.encode(number, StandardCharsets.UTF_8);
    }
}
