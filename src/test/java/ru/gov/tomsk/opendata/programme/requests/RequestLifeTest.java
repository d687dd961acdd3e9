package ru.gov.tomsk.opendata.programme.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ru.gov.tomsk.opendata.ops.console.Console.click;
import static ru.gov.tomsk.opendata.ops.console.Console.text;
import static ru.gov.tomsk.opendata.programme.requests.RequestDeadlinesTest.encode;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.api.AdminClient;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * A request's life with a real browser (HtmlUnit) and a real SMTP peer (GreenMail): registered, routed and answered
 * in the console by an operator, the requester's notice first failing while the mail server is down (PENDING, its
 * attempt and error in the console), then delivered once the server is back and the backoff has passed; a second
 * request's notice given up (FAILED) and sent again with «Отправить снова». The contact never leaves the request's
 * own page: not in the list, not in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestLifeTest {

    static final String CONTACT = "ivan.petrov@example.ru";
    static final String FROM = "opendata@tomsk.example.ru";

    @TempDir
    Path home;
    GreenMail smtp;

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void registeredAssignedAnsweredAndTheRequesterNotifiedThroughAnSmtpOutage(CapturedOutput output) throws Exception {
        int smtpPort;
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        Fixtures.installFixtureFeed(home);
        Map<String, Object> properties = new HashMap<>(Fixtures.sourceProperties(Fixtures.h2Source(), "sa", ""));
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", smtpPort);
        properties.put("opendata.programme.requests.mail-from", FROM);
        properties.put("opendata.programme.requests.notice-backoff", "1m");
        properties.put("opendata.programme.requests.notice-retries", "2");
        properties.put("opendata.outbox.poll-interval", "200ms");
        properties.put("opendata.programme.departments.7017069388.name", "Департамент образования");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, properties); Console console = new Console(app.port())) {
            assertThat(app.run(Fixtures.FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            DataRequests requests = app.bean(DataRequests.class);
            String number = requests.register(new NewRequest("Список организаций с адресами",
                    "Для справочника жителей", CONTACT, true, "key-1")).number();

            // the list: the request, without its contact; its page: the contact, for the operator who answers
            HtmlPage list = console.logIn(TestUsers.OPERATOR).getAnchorByText("Запросы").click();
            assertThat(Console.texts(list, "#requests tbody tr td.id")).containsExactly(number);
            assertThat(list.getWebResponse().getContentAsString()).doesNotContain(CONTACT).doesNotContain("ivan");
            HtmlPage page = list.getAnchorByText(number).click();
            assertThat(text(page, "contact")).isEqualTo(CONTACT);
            assertThat(text(page, "deadline-status")).isEqualTo("✓ в срок");

            // routed to the department through the select of departments
            HtmlSelect departments = (HtmlSelect) page.getElementById("department-select");
            assertThat(departments.getOptions()).extracting(o -> o.getValueAttribute()).contains("7017069388");
            departments.setSelectedAttribute("7017069388", true);
            page = click(page.getElementById("assign"));
            assertThat(text(page, "flash")).isEqualTo("Запрос передан в ведомство: Департамент образования.");
            assertThat(text(page, "department")).startsWith("Департамент образования").contains("operator");

            // answered PUBLISHED without a dataset: refused, the error next to the field, the choice kept
            ((HtmlRadioButtonInput) page.getElementById("outcome-PUBLISHED")).setChecked(true);
            page = click(page.getElementById("save-answer"));
            assertThat(text(page, "flash")).isEqualTo("Ответ не сохранён: исправьте ошибку в форме.");
            assertThat(text(page, "dataset-error")).isEqualTo("Выберите опубликованный набор данных.");
            assertThat(page.getElementById("dataset").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(((HtmlRadioButtonInput) page.getElementById("outcome-PUBLISHED")).isChecked()).isTrue();
            assertThat(requests.find(number).orElseThrow().answered()).isFalse();
            // then with the published dataset; the mail server is down
            ((HtmlSelect) page.getElementById("dataset")).setSelectedAttribute(Fixtures.FEED, true);
            page.getElementById("answer").setTextContent("Данные опубликованы, обновляются ежеквартально.");
            page = click(page.getElementById("save-answer"));
            assertThat(text(page, "flash")).isEqualTo("Ответ сохранён: опубликовано. Уведомление заявителю "
                    + "поставлено в очередь отправки.");
            assertThat(text(page, "outcome")).isEqualTo("опубликовано");

            // the first attempt fails: PENDING, one attempt, the error; no second attempt before the backoff
            await().atMost(Duration.ofSeconds(20)).until(() -> requests.find(number).orElseThrow().noticeAttempts() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> requests.find(number).orElseThrow().noticeAttempts() == 1);
            DataRequest pending = requests.find(number).orElseThrow();
            assertThat(pending.noticeState()).isEqualTo("PENDING");
            assertThat(pending.noticeError()).isNotBlank().doesNotContain(CONTACT);
            assertThat(requests.noticeNextAt(number)).contains(Instant.parse("2026-03-02T03:01:00Z"));
            page = console.open("/admin/requests/" + encode(number));
            assertThat(text(page, "notice")).contains("ожидает отправки; неудачных попыток: 1, следующая — 02.03.2026 10:01");

            // the server is back; once the backoff has passed the notice goes out
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            clock.set("2026-03-02T03:01:05Z");
            await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(requests.find(number).orElseThrow()
                    .noticeState()));
            assertThat(requests.find(number).orElseThrow().noticeAttempts()).isEqualTo(2);
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(1);
            MimeMessage mail = received[0];
            assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(CONTACT);
            assertThat(mail.getFrom()).extracting(Object::toString).containsExactly(FROM);
            assertThat(mail.getSubject()).isEqualTo("Ответ на запрос № " + number + " о новом наборе открытых данных");
            assertThat(mail.getContentType()).contains("text/plain").containsIgnoringCase("UTF-8");
            assertThat(((String) mail.getContent()).replace("\r\n", "\n")).isEqualTo("""
                    Здравствуйте!

                    Ваш запрос на новый набор открытых данных № %s от 02.03.2026 рассмотрен.

                    Ваш запрос:
                    Список организаций с адресами

                    Для чего нужны данные:
                    Для справочника жителей

                    Результат: опубликовано
                    Набор данных: «%s» (%s)

                    Ответ:
                    Данные опубликованы, обновляются ежеквартально.

                    Запросы и ответы на них опубликованы на странице «Информация о результатах выполнения запросов»:
                    https://opendata.example.ru/opendata/requests/

                    Это письмо отправлено автоматически, отвечать на него не нужно.
                    """.formatted(number, app.bean(RequestDesk.class).datasetTitle(Fixtures.FEED).orElseThrow(),
                    Fixtures.FEED));
            assertThat(text(console.open("/admin/requests/" + encode(number)), "notice"))
                    .isEqualTo("отправлено 02.03.2026 10:01");

            // a second request, answered through the API while the server is down again: given up after 2 attempts
            smtp.stop();
            String second = requests.register(new NewRequest("Парковки у поликлиник", null, "maria@example.ru", true,
                    "key-2")).number();
            AdminClient api = new AdminClient(app.port());
            assertThat(api.post("/api/admin/requests/" + encode(second) + "/answer", TestUsers.OPERATOR,
                    "application/json", "{\"outcome\":\"REFUSED\",\"answer\":\"Данных о парковках у ведомств нет.\"}")
                    .statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> requests.find(second).orElseThrow().noticeAttempts() == 1);
            clock.set("2026-03-02T03:03:00Z");
            await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(requests.find(second).orElseThrow()
                    .noticeState()));
            page = console.open("/admin/requests/" + encode(second));
            assertThat(text(page, "notice")).contains("не отправлено после 2 попыток");
            assertThat(text(page, "notice-error")).isNotBlank().doesNotContain("maria@example.ru");
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            page = click(page.getElementById("resend-notice"));
            assertThat(text(page, "flash")).isEqualTo("Уведомление поставлено в очередь отправки снова.");
            await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(requests.find(second).orElseThrow()
                    .noticeState()));
            MimeMessage refused = smtp.getReceivedMessages()[0];
            assertThat(refused.getSubject()).contains(second);
            assertThat(((String) refused.getContent()).replace("\r\n", "\n")).contains("Результат: отказано")
                    .contains("Причина отказа:\nДанных о парковках у ведомств нет.").doesNotContain("Для чего");

            // the service's log names the requesters masked only (GreenMail, the test's peer, logs them in full)
            String log = output.getAll().lines().filter(line -> !line.contains("c.icegreen.greenmail"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(log).doesNotContain(CONTACT).doesNotContain("maria@example.ru")
                    .contains("i***@example.ru").contains("m***@example.ru")
                    .contains("answer request by operator on request " + number + ": PUBLISHED " + Fixtures.FEED)
                    .contains("assign request by operator on request " + number + ": routed to 7017069388 (console)");
        }
    }
}
