package ru.gov.tomsk.opendata.programme.requests;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;

/**
 * The e-mail notice to a requester once the request is answered. The queue is the request's row itself
 * ({@code notice_state} PENDING, {@code notice_next_at}, {@code notice_attempts}): answering queues it in the same
 * transaction, so a notice survives a restart, and {@link #sendDue()} (a timer route, every
 * {@code opendata.outbox.poll-interval}) sends what is due. A failed attempt is retried after
 * {@code notice-backoff}, doubled after each, until {@code notice-retries} attempts, then it is FAILED with its
 * error shown in the console, which can queue it again.
 *
 * <p>Without {@code opendata.programme.requests.mail-from} or {@code spring.mail.host} nothing is sent: notices stay
 * PENDING (they go once mail is configured) and the console says notices are not configured. The address is
 * personal data: logs and errors show it masked ({@link #mask(String)}).
 */
@Component
public class RequestNotices {

    private static final Logger LOG = LoggerFactory.getLogger(RequestNotices.class);
    /** How long a node holds a notice it is sending before another may try it (the node may have died). */
    static final Duration LEASE = Duration.ofMinutes(10);
    /** The longest wait between two attempts, whatever the doubling makes of {@code notice-backoff}. */
    static final Duration LONGEST_WAIT = Duration.ofDays(1);
    private static final int BATCH = 50;
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final DataRequests requests;
    private final RequestDesk desk;
    private final ObjectProvider<JavaMailSender> senders;
    private final ProgrammeProperties.Requests settings;
    private final Clock clock;
    private final ZoneId zone;
    private final String publicPage;

    public RequestNotices(DataRequests requests, RequestDesk desk, ObjectProvider<JavaMailSender> senders,
                          ProgrammeProperties programme, OpendataProperties opendata, Clock clock) {
        this.requests = requests;
        this.desk = desk;
        this.senders = senders;
        this.settings = programme.requests();
        this.clock = clock;
        this.zone = opendata.timeZone();
        this.publicPage = opendata.baseUrl() == null ? null : opendata.baseUrl() + "requests/";
    }

    /** Whether notices can be sent: a sender address and a mail server. */
    public boolean configured() {
        return settings.mailFrom() != null && !settings.mailFrom().isBlank() && senders.getIfAvailable() != null;
    }

    /** Sends every notice that is due; returns how many went out. */
    public synchronized int sendDue() {
        JavaMailSender sender = senders.getIfAvailable();
        if (!configured() || sender == null) {
            return 0;
        }
        int sent = 0;
        Instant now = clock.instant();
        List<DataRequest> due = requests.noticesDue(now, BATCH);
        for (DataRequest request : due) {
            if (!requests.claimNotice(request.number(), request.noticeAttempts(), now, now.plus(LEASE))) {
                continue; // another node took it
            }
            if (send(sender, request)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(JavaMailSender sender, DataRequest request) {
        int attempt = request.noticeAttempts() + 1;
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper mail = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            mail.setFrom(settings.mailFrom());
            mail.setTo(request.contactEmail());
            mail.setSubject(subject(request));
            mail.setText(body(request));
            sender.send(message);
            requests.noticeSent(request.number(), clock.instant());
            LOG.info("Notice of request {} sent to {} (attempt {})", request.number(), mask(request.contactEmail()),
                    attempt);
            return true;
        } catch (MailException | MessagingException e) {
            String error = maskAll(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            if (attempt >= settings.noticeRetries()) {
                requests.noticeFailed(request.number(), error, null);
                LOG.error("Notice of request {} to {} given up after {} attempt(s): {}", request.number(),
                        mask(request.contactEmail()), attempt, error);
            } else {
                Duration wait = backoff(attempt);
                requests.noticeFailed(request.number(), error, clock.instant().plus(wait));
                LOG.warn("Notice of request {} to {} failed (attempt {} of {}): {}; retrying in {}", request.number(),
                        mask(request.contactEmail()), attempt, settings.noticeRetries(), error, wait);
            }
            return false;
        }
    }

    /** The wait after the {@code attempt}-th failure: {@code notice-backoff}, doubled after each, capped at a day. */
    Duration backoff(int attempt) {
        Duration wait = settings.noticeBackoff();
        for (int i = 1; i < attempt && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    static String subject(DataRequest request) {
        return "Ответ на запрос № " + request.number() + " о новом наборе открытых данных";
    }

    /** The notice's text: plain, Russian, with the request as the citizen wrote it and the answer. */
    String body(DataRequest r) {
        StringBuilder text = new StringBuilder();
        text.append("Здравствуйте!\n\n");
        text.append("Ваш запрос на новый набор открытых данных № ").append(r.number()).append(" от ")
                .append(DATE.format(r.registeredAt().atZone(zone))).append(" рассмотрен.\n\n");
        text.append("Ваш запрос:\n").append(r.what()).append("\n");
        if (r.why() != null && !r.why().isBlank()) {
            text.append("\nДля чего нужны данные:\n").append(r.why()).append("\n");
        }
        text.append("\nРезультат: ").append(r.outcome().russian()).append("\n");
        switch (r.outcome()) {
            case PUBLISHED -> text.append("Набор данных: ").append(desk.datasetTitle(r.datasetId())
                    .map(title -> "«" + title + "» (" + r.datasetId() + ")").orElse(r.datasetId())).append("\n");
            case PLANNED -> text.append("Планируемая дата публикации: ").append(DATE.format(r.plannedOn())).append("\n");
            case REFUSED -> text.append("Причина отказа:\n");
        }
        if (r.answer() != null && !r.answer().isBlank()) {
            text.append(r.outcome() == RequestOutcome.REFUSED ? "" : "\nОтвет:\n").append(r.answer()).append("\n");
        }
        if (publicPage != null) {
            text.append("\nЗапросы и ответы на них опубликованы на странице «Информация о результатах выполнения "
                    + "запросов»:\n").append(publicPage).append("\n");
        }
        text.append("\nЭто письмо отправлено автоматически, отвечать на него не нужно.\n");
        return text.toString();
    }

    /** i***@example.ru: enough to tell two requesters apart in a log, not enough to write to them. */
    public static String mask(String email) {
        if (email == null) {
            return "(none)";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** Every address in a text (a mail server's error names the recipient), masked. */
    static String maskAll(String text) {
        Matcher m = EMAIL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "***@" + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
