package ru.gov.tomsk.opendata.ops.console;

import java.security.Principal;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gov.tomsk.opendata.programme.departments.Department;
import ru.gov.tomsk.opendata.programme.departments.DepartmentReport;
import ru.gov.tomsk.opendata.programme.departments.DepartmentReportCsv;
import ru.gov.tomsk.opendata.programme.departments.DepartmentReportMailer;
import ru.gov.tomsk.opendata.programme.departments.DepartmentReports;
import ru.gov.tomsk.opendata.programme.departments.ReportMails;

/**
 * «Рекомендации ведомствам» ({@code /admin/departments}): every department with the number of its findings, each
 * department's report as a page, a CSV and a printable page, and an operator's «Отправить отчёт сейчас» (a POST,
 * so OPERATOR and above by the security chain, with the console's CSRF token).
 */
@Controller
class DepartmentsController {

    private final DepartmentReports reports;
    private final DepartmentReportMailer mailer;
    private final ReportMails mails;
    private final ConsoleAudit audit;

    DepartmentsController(DepartmentReports reports, DepartmentReportMailer mailer, ReportMails mails,
                          ConsoleAudit audit) {
        this.reports = reports;
        this.mailer = mailer;
        this.mails = mails;
        this.audit = audit;
    }

    /** A row of the list. */
    record Row(Department department, DepartmentReport report, ReportMails.Sent lastMail, String cannotMail) {
    }

    @GetMapping("/admin/departments")
    String list(Model model) {
        model.addAttribute("rows", reports.all().stream().map(d -> new Row(d, reports.report(d),
                mails.newest(d.inn()).orElse(null), mailer.cannotMail(d).orElse(null))).toList());
        return "admin/departments";
    }

    @GetMapping("/admin/departments/{inn}")
    String report(@PathVariable String inn, Model model, HttpServletResponse response) {
        Optional<Department> department = reports.find(inn);
        if (department.isEmpty()) {
            return missing(inn, model, response);
        }
        model.addAttribute("report", reports.report(department.get()));
        model.addAttribute("lastMail", mails.newest(inn).orElse(null));
        model.addAttribute("cannotMail", mailer.cannotMail(department.get()).orElse(null));
        return "admin/departments-report";
    }

    @GetMapping("/admin/departments/{inn}/print")
    String print(@PathVariable String inn, Model model, HttpServletResponse response) {
        Optional<Department> department = reports.find(inn);
        if (department.isEmpty()) {
            return missing(inn, model, response);
        }
        model.addAttribute("report", reports.report(department.get()));
        return "admin/departments-print";
    }

    @GetMapping("/admin/departments/{inn}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String inn) {
        return reports.find(inn)
                .map(d -> IndicatorPageController.download(DepartmentReportCsv.of(reports.report(d), null),
                        "recommendations-" + inn + ".csv"))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/admin/departments/{inn}/send")
    String send(@PathVariable String inn, Principal principal, RedirectAttributes redirect) {
        Optional<Department> department = reports.find(inn);
        if (department.isEmpty()) {
            audit.refused(principal, "send department report", "department " + inn, "no such department");
            Flash.refused(redirect, "Ведомства с ИНН " + inn + " нет.", null);
            return "redirect:/admin/departments";
        }
        Optional<String> cannot = mailer.cannotMail(department.get());
        if (cannot.isPresent()) {
            audit.refused(principal, "send department report", "department " + inn, cannot.get());
            Flash.refused(redirect, "Отчёт не отправлен: " + cannot.get() + ".", null);
        } else if (mailer.sendNow(department.get()) == ReportMails.State.SENT) {
            audit.done(principal, "send department report", "department " + inn, "to " + department.get().email());
            Flash.done(redirect, "Отчёт отправлен на " + department.get().email() + ".");
        } else {
            String error = mails.newest(inn).map(ReportMails.Sent::error).orElse(null);
            audit.refused(principal, "send department report", "department " + inn, "mail failed: " + error);
            Flash.refused(redirect, "Отчёт не удалось отправить на " + department.get().email() + ".", error);
        }
        return "redirect:/admin/departments/" + inn;
    }

    private static String missing(String inn, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("missing", inn);
        return "admin/departments-missing";
    }
}
