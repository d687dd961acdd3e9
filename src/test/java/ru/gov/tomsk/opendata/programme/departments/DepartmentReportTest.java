package ru.gov.tomsk.opendata.programme.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.ops.console.Console;
import ru.gov.tomsk.opendata.programme.requests.DataRequest;
import ru.gov.tomsk.opendata.programme.requests.DataRequests;
import ru.gov.tomsk.opendata.programme.requests.NewRequest;
import ru.gov.tomsk.opendata.programme.requests.RequestOutcome;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * A department's report «Рекомендации ведомству» with each kind of gap (an overdue feed, a feed never published, an
 * unanswered request past its deadline and one still in time, a request answered PLANNED whose date passed and one
 * still ahead; a refused request and another department's are not listed), its exact lines on the console page, in
 * the CSV and on the printable page over real HTTP; the scheduled mail delivered to a real SMTP peer (GreenMail) once
 * per period; VIEWER may view but not send, OPERATOR sends now. The JVM runs in a zone other than the region's.
 */
class DepartmentReportTest {

    static final String INN = TestUsers.DEPARTMENT_INN;
    static final String OVERDUE_FEED = INN + "-schools";
    static final String NEW_FEED = INN + "-kindergartens";
    static final String OTHER_INN = "7017107837";

    @TempDir
    Path home;

    GreenMail smtp;
    TimeZone jvmZone;

    @BeforeEach
    void start() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Moscow"));
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
        TimeZone.setDefault(jvmZone);
    }

    void installFeed(String identifier, String title) throws Exception {
        String shipped = Files.readString(Path.of("config/feeds/7017000420-indicator.yaml"));
        Files.writeString(TestApp.feeds(home).resolve(identifier + ".yaml"), shipped
                .replace("identifier: 7017000420-indicator", "identifier: " + identifier)
                .replace("title: Количество опубликованных наборов открытых данных по кварталам", "title: " + title)
                .replace("creator: Департамент информационной политики Томской области",
                        "creator: Департамент общего образования Томской области")
                .replace("schedule: \"0 15 4 * * ?\"", "schedule: \"0 0 4 1 1 ? 2099\""));
    }

    Map<String, Object> properties(boolean reports) throws Exception {
        Map<String, Object> props = new HashMap<>();
        // no mandated lists: the report's sections here are the feeds' and the requests' (not the demo catalogue's)
        props.put("opendata.programme.mandates-dir", Files.createDirectories(home.resolve("mandates")).toString());
        props.put("opendata.programme.departments." + INN + ".email", "opendata@edu.tomsk.example");
        props.put("opendata.programme.departments." + OTHER_INN + ".name", "Департамент здравоохранения Томской области");
        props.put("opendata.programme.reports.enabled", Boolean.toString(reports));
        props.put("opendata.programme.reports.mail-from", "opendata@tomsk.example");
        props.put("opendata.programme.reports.check-interval", "1s");
        props.put("spring.mail.host", "localhost");
        props.put("spring.mail.port", Integer.toString(smtp.getSmtp().getPort()));
        return props;
    }

    static DataRequest request(TestApp app, MutableClock clock, String at, String what) {
        clock.set(Instant.parse(at));
        return app.bean(DataRequests.class).register(new NewRequest(what, "для работы", null, false, "client-" + at));
    }

    @Test
    void eachKindOfGapInTheReportItsDownloadsAndTheScheduledMailOncePerPeriod() throws Exception {
        installFeed(OVERDUE_FEED, "Общеобразовательные организации");
        installFeed(NEW_FEED, "Детские сады");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-15T03:00:00Z"));
        // the history, with the schedule off: a feed published in January, requests registered from April to June
        try (TestApp app = TestApp.start(home, clock, properties(false))) {
            assertThat(app.run(OVERDUE_FEED).status()).isEqualTo(RunStatus.PUBLISHED);
            DataRequests requests = app.bean(DataRequests.class);
            DataRequest planned = request(app, clock, "2026-04-01T03:00:00Z", "Расписание школьных автобусов");
            DataRequest late = request(app, clock, "2026-05-20T03:00:00Z", "Адреса спортивных площадок школ");
            DataRequest inTime = request(app, clock, "2026-06-20T03:00:00Z", "Число мест в группах продлённого дня");
            DataRequest ahead = request(app, clock, "2026-06-21T03:00:00Z", "Меню школьных столовых");
            DataRequest refused = request(app, clock, "2026-06-22T03:00:00Z", "Оценки учеников");
            DataRequest elsewhere = request(app, clock, "2026-06-23T03:00:00Z", "Дежурные аптеки");
            for (DataRequest r : List.of(planned, late, inTime, ahead, refused)) {
                requests.assign(r.number(), INN, TestUsers.OPERATOR);
            }
            requests.assign(elsewhere.number(), OTHER_INN, TestUsers.OPERATOR);
            requests.answer(planned.number(), RequestOutcome.PLANNED, "Опубликуем к концу июня", null,
                    LocalDate.of(2026, 6, 30), TestUsers.OPERATOR);
            requests.answer(ahead.number(), RequestOutcome.PLANNED, "Опубликуем в сентябре", null,
                    LocalDate.of(2026, 9, 1), TestUsers.OPERATOR);
            requests.answer(refused.number(), RequestOutcome.REFUSED, "Персональные данные", null, null,
                    TestUsers.OPERATOR);
        }

        // 08:59 on 1 July in Tomsk: June's period, whose report goes out at once, once
        clock.set(Instant.parse("2026-07-01T01:59:00Z"));
        try (TestApp app = TestApp.start(home, clock, properties(true))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 1);
            assertThat(smtp.getReceivedMessages()[0].getSubject())
                    .isEqualTo("Рекомендации ведомству: Департамент общего образования Томской области (на 01.07.2026)");
            // 09:00: July's period begins, its report goes out once more, and no check sends either again
            clock.set(Instant.parse("2026-07-01T02:00:00Z"));
            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 2);
            Thread.yield();
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                    .until(() -> smtp.getReceivedMessages().length == 2);
            assertThat(app.bean(ReportMails.class).count(INN, ReportMails.State.SENT)).isEqualTo(2);
            // the other department has no address: nothing is mailed to it
            assertThat(app.bean(ReportMails.class).newest(OTHER_INN)).isEmpty();

            MimeMessage july = smtp.getReceivedMessages()[1];
            assertThat(july.getFrom()[0].toString()).isEqualTo("opendata@tomsk.example");
            assertThat(july.getAllRecipients()[0].toString()).isEqualTo("opendata@edu.tomsk.example");
            MimeMultipart parts = (MimeMultipart) july.getContent();
            String body = (String) parts.getBodyPart(0).getContent();
            assertThat(body).startsWith("Рекомендации ведомству: Департамент общего образования Томской области "
                    + "(ИНН 7017069388)\nНа 01.07.2026 09:00 (Asia/Tomsk)\n");
            assertThat(body).contains("\nЗапросы граждан, на которые нужно ответить\n"
                    + "— З-2026-0002: " + LATE + "\n"
                    + "  https://opendata.example.ru/admin/requests/З-2026-0002\n"
                    + "— З-2026-0003: " + IN_TIME + "\n"
                    + "  https://opendata.example.ru/admin/requests/З-2026-0003\n");
            assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("recommendations-7017069388.csv");
            assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("7017069388,Департамент общего образования Томской области,"
                            + "\"Запросы граждан, на которые нужно ответить\"");

            try (Console viewer = new Console(app.port())) {
                viewer.logIn(TestUsers.VIEWER);
                HtmlPage list = viewer.open("/admin/departments");
                assertThat(list.getElementById("nav-departments")).isNotNull();
                assertThat(Console.texts(list, "#departments tbody tr[data-inn='" + INN + "'] td").subList(0, 3))
                        .containsExactly(INN, "Департамент общего образования Томской области", "6");
                assertThat(Console.texts(list, "#departments tbody tr[data-inn='" + OTHER_INN + "'] td").subList(0, 3))
                        .containsExactly(OTHER_INN, "Департамент здравоохранения Томской области", "1");

                HtmlPage page = viewer.open("/admin/departments/" + INN);
                assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
                assertThat(Console.text(page, "department-name")).isEqualTo("Департамент общего образования Томской области");
                assertThat(Console.texts(page, "#report-section-20 li")).containsExactly(
                        OVERDUE_FEED + ": " + OVERDUE + " подробнее",
                        NEW_FEED + ": " + NEVER + " подробнее");
                assertThat(Console.texts(page, "#report-section-30 li")).containsExactly(
                        "З-2026-0002: " + LATE + " подробнее",
                        "З-2026-0003: " + IN_TIME + " подробнее");
                assertThat(Console.texts(page, "#report-section-40 li")).containsExactly(
                        "З-2026-0001: " + PASSED + " подробнее",
                        "З-2026-0004: " + AHEAD + " подробнее");
                assertThat(Console.text(page, "last-mail")).startsWith("Последняя отправка: 01.07.2026 09:00 — "
                        + "отправлен на opendata@edu.tomsk.example");
                // a VIEWER sees no button, and the POST itself is refused
                assertThat(page.getElementById("send-now")).isNull();
                assertThat(viewer.postStatus(page, "/admin/departments/" + INN + "/send")).isEqualTo(403);

                WebResponse csv = viewer.fetch("/admin/departments/" + INN + ".csv");
                assertThat(csv.getStatusCode()).isEqualTo(200);
                assertThat(csv.getContentType()).isEqualTo("text/csv");
                String department = INN + ",Департамент общего образования Томской области,";
                String feeds = department + "\"Наборы данных, которые нужно обновить или исправить\",";
                String asked = department + "\"Запросы граждан, на которые нужно ответить\",";
                String planned = department + "\"Наборы, которые просили граждане и которые обещано опубликовать\",";
                assertThat(new String(csv.getContentAsStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(
                        "ИНН,Ведомство,Раздел,Предмет,Рекомендация,Ссылка\r\n"
                                + quoted(feeds, OVERDUE_FEED, OVERDUE, "/admin/feeds/" + OVERDUE_FEED)
                                + quoted(feeds, NEW_FEED, NEVER, "/admin/feeds/" + NEW_FEED)
                                + quoted(asked, "З-2026-0002", LATE, "/admin/requests/З-2026-0002")
                                + quoted(asked, "З-2026-0003", IN_TIME, "/admin/requests/З-2026-0003")
                                + quoted(planned, "З-2026-0001", PASSED, "/admin/requests/З-2026-0001")
                                + quoted(planned, "З-2026-0004", AHEAD, "/admin/requests/З-2026-0004"));

                HtmlPage print = viewer.open("/admin/departments/" + INN + "/print");
                assertThat(print.getWebResponse().getStatusCode()).isEqualTo(200);
                assertThat(print.querySelectorAll("nav, form, button")).isEmpty();
                assertThat(print.getWebResponse().getContentAsString())
                        .contains("href=\"/admin/assets/departments-print.css\"");
                assertThat(Console.texts(print, "table tr td:nth-child(2)")).containsExactly(
                        OVERDUE, NEVER, LATE, IN_TIME, PASSED, AHEAD);

                assertThat(viewer.fetch("/admin/departments/7000000000").getStatusCode()).isEqualTo(404);
            }

            // an operator sends it now: a third mail, also within the period
            try (Console operator = new Console(app.port())) {
                operator.logIn(TestUsers.OPERATOR);
                HtmlPage page = operator.open("/admin/departments/" + INN);
                HtmlPage after = Console.click(page.getElementById("send-now"));
                assertThat(Console.text(after, "flash")).isEqualTo("Отчёт отправлен на opendata@edu.tomsk.example.");
                await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 3);
                assertThat(Console.text(after, "last-mail")).endsWith("(вручную)");
            }
        }
    }

    /** A CSV row: the text quoted only when it holds a comma or a quote, as the project's CSV does. */
    static String quoted(String prefix, String subject, String text, String link) {
        String field = text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
        return prefix + subject + "," + field + "," + link + "\r\n";
    }

    static final String OVERDUE = "Набор «Общеобразовательные организации» не обновлён в срок: срок истёк 25.06.2026. "
            + "Обновите данные в источнике или сообщите оператору, почему обновление задерживается.";
    static final String NEVER = "Набор «Детские сады» ещё не опубликован; первая публикация нужна до 25.09.2026.";
    static final String LATE = "Запрошено: «Адреса спортивных площадок школ» (зарегистрирован 20.05.2026 10:00); "
            + "срок ответа истёк 19.06.2026 (просрочен на 12 дн.). Подготовьте ответ: набор опубликован, "
            + "запланирован с датой или отказ с причиной.";
    static final String IN_TIME = "Запрошено: «Число мест в группах продлённого дня» (зарегистрирован 20.06.2026 "
            + "10:00); ответ нужен до 20.07.2026 включительно (осталось 19 дн.). Подготовьте ответ: набор "
            + "опубликован, запланирован с датой или отказ с причиной.";
    static final String PASSED = "Публикация «Расписание школьных автобусов» была запланирована на 30.06.2026, срок "
            + "прошёл. Опубликуйте набор или сообщите оператору новую дату.";
    static final String AHEAD = "Публикация «Меню школьных столовых» запланирована на 01.09.2026. Подготовьте набор "
            + "к этой дате.";
}
