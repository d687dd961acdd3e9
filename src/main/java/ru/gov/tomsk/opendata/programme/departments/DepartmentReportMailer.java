package ru.gov.tomsk.opendata.programme.departments;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.NodeIdentity;
import ru.gov.tomsk.opendata.ops.console.ConsoleText;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;

/**
 * Mails each department its report: on the schedule ({@code opendata.programme.reports.cron}, in the region's zone)
 * once per period cluster-wide, and on an operator's «Отправить отчёт сейчас». A period is the time from one fire of
 * the schedule to the next; the check that runs every {@code check-interval} sends the reports of the current period
 * that no node has sent yet, so a service that was down at the fire time catches up when it is back. A report with
 * no findings is not mailed (recorded EMPTY). Mail needs Spring Mail ({@code spring.mail.host}), a sender
 * ({@code reports.mail-from} or {@code requests.mail-from}) and the department's {@code email}; without one of them
 * nothing is sent, and the console says which is missing.
 */
@Component
public class DepartmentReportMailer {

    private static final Logger LOG = LoggerFactory.getLogger(DepartmentReportMailer.class);
    private static final List<Duration> LOOK_BACK = List.of(Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofDays(1), Duration.ofDays(32), Duration.ofDays(367), Duration.ofDays(3660));

    private final DepartmentReports reports;
    private final ReportMails mails;
    private final ObjectProvider<JavaMailSender> sender;
    private final NodeIdentity node;
    private final ConsoleText text;
    private final Clock clock;
    private final ZoneId zone;
    private final ProgrammeProperties.Reports settings;
    private final String from;
    private final String consoleOrigin;
    private final CronExpression cron;

    public DepartmentReportMailer(DepartmentReports reports, ReportMails mails, ObjectProvider<JavaMailSender> sender,
                                  NodeIdentity node, ConsoleText text, Clock clock, OpendataProperties opendata,
                                  ProgrammeProperties programme) {
        this.reports = reports;
        this.mails = mails;
        this.sender = sender;
        this.node = node;
        this.text = text;
        this.clock = clock;
        this.zone = opendata.timeZone();
        this.settings = programme.reports();
        this.from = settings.mailFrom() != null ? settings.mailFrom() : programme.requests().mailFrom();
        this.consoleOrigin = origin(opendata.baseUrl());
        this.cron = CronExpression.parse(settings.cron());
    }

    /** Why the department's report cannot be mailed (in Russian, for the console), or empty if it can. */
    public Optional<String> cannotMail(Department department) {
        if (sender.getIfAvailable() == null) {
            return Optional.of("почта сервиса не настроена (spring.mail.host)");
        }
        if (from == null) {
            return Optional.of("не задан адрес отправителя (opendata.programme.reports.mail-from)");
        }
        if (department.email() == null) {
            return Optional.of("не задан адрес ведомства (opendata.programme.departments." + department.inn()
                    + ".email)");
        }
        return Optional.empty();
    }

    /** Sends the reports of the current period that no node has sent yet; how many were mailed. */
    public int sendDue() {
        if (!settings.enabled() || sender.getIfAvailable() == null || from == null) {
            return 0; // nothing could be sent: do not even assemble the reports, every check-interval
        }
        ZonedDateTime period = periodStart(cron, clock.instant().atZone(zone));
        if (period == null) {
            return 0;
        }
        int mailed = 0;
        for (Department department : reports.all()) {
            if (cannotMail(department).isEmpty()
                    && mails.claim(department.inn(), period.toOffsetDateTime().toString(), node.id(), clock.instant())) {
                mailed += send(department, period.toOffsetDateTime().toString(), false) == ReportMails.State.SENT ? 1 : 0;
            }
        }
        return mailed;
    }

    /** An operator's «Отправить отчёт сейчас»: mails the report as of now, also when it has no findings. */
    public ReportMails.State sendNow(Department department) {
        String period = ReportMails.MANUAL + clock.instant();
        if (cannotMail(department).isPresent() || !mails.claim(department.inn(), period, node.id(), clock.instant())) {
            return ReportMails.State.FAILED;
        }
        return send(department, period, true);
    }

    private ReportMails.State send(Department department, String period, boolean evenEmpty) {
        DepartmentReport report = reports.report(department);
        if (report.total() == 0 && !evenEmpty) {
            mails.finish(department.inn(), period, ReportMails.State.EMPTY, department.email(), 0, null, null);
            return ReportMails.State.EMPTY;
        }
        try {
            JavaMailSender mail = sender.getObject();
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(department.email());
            helper.setSubject("Рекомендации ведомству: " + report.name() + " (на " + text.date(
                    report.asOf().atZone(zone).toLocalDate()) + ")");
            helper.setText(body(report), false);
            helper.addAttachment("recommendations-" + report.inn() + ".csv",
                    new ByteArrayResource(DepartmentReportCsv.of(report, consoleOrigin)), "text/csv; charset=UTF-8");
            mail.send(message);
            mails.finish(department.inn(), period, ReportMails.State.SENT, department.email(), report.total(),
                    clock.instant(), null);
            LOG.info("Report of department {} ({} findings) mailed to {} for period {}", department.inn(),
                    report.total(), department.email(), period);
            return ReportMails.State.SENT;
        } catch (MailException | MessagingException e) {
            mails.finish(department.inn(), period, ReportMails.State.FAILED, department.email(), report.total(), null,
                    e.getMessage());
            LOG.warn("Report of department {} could not be mailed to {} for period {}: {}", department.inn(),
                    department.email(), period, e.getMessage());
            return ReportMails.State.FAILED;
        }
    }

    /** The report as the mail's plain text: each section, each finding with its link. */
    String body(DepartmentReport report) {
        StringBuilder body = new StringBuilder();
        body.append("Рекомендации ведомству: ").append(report.name()).append(" (ИНН ").append(report.inn()).append(")\n");
        body.append("На ").append(text.dateTime(report.asOf())).append(" (").append(text.zone()).append(")\n");
        for (ReportSection section : report.sections()) {
            body.append('\n').append(section.heading()).append('\n');
            if (section.findings().isEmpty()) {
                body.append("Замечаний нет.\n");
            }
            for (DepartmentFinding f : section.findings()) {
                body.append("— ").append(f.subject()).append(": ").append(f.text()).append('\n');
                if (f.link() != null && consoleOrigin != null) {
                    body.append("  ").append(consoleOrigin).append(f.link()).append('\n');
                }
            }
        }
        body.append("\nОтчёт подготовлен сервисом открытых данных Томской области; он же приложен в CSV.");
        if (consoleOrigin != null) {
            body.append(" В консоли: ").append(consoleOrigin).append("/admin/departments/").append(report.inn());
        }
        return body.append('\n').toString();
    }

    /** The fire time of the schedule that opened the period {@code now} is in; null if it never fired before now. */
    static ZonedDateTime periodStart(CronExpression cron, ZonedDateTime now) {
        for (Duration back : LOOK_BACK) {
            ZonedDateTime fired = cron.next(now.minus(back));
            if (fired != null && !fired.isAfter(now)) {
                for (ZonedDateTime next = cron.next(fired); next != null && !next.isAfter(now); next = cron.next(next)) {
                    fired = next;
                }
                return fired;
            }
        }
        return null;
    }

    /** scheme://host[:port] of the section's public address: the console is served beside it, at /admin. */
    private static String origin(String baseUrl) {
        if (baseUrl == null) {
            return null;
        }
        URI uri = URI.create(baseUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public Duration checkInterval() {
        return settings.checkInterval();
    }

}
