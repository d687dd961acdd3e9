package ru.gov.tomsk.opendata.programme.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * A notice's queue is the state database: a notice that failed while the mail server was down is sent by the next
 * start of the service once its retry is due, with its attempts counted across the restart.
 */
class RequestNoticeRestartTest {

    @TempDir
    Path home;

    @Test
    void aPendingNoticeSurvivesARestart() throws Exception {
        int smtpPort;
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        Map<String, Object> properties = Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", smtpPort,
                "opendata.programme.requests.mail-from", "opendata@tomsk.example.ru",
                "opendata.programme.requests.notice-backoff", "10m", "opendata.outbox.poll-interval", "200ms");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
        String number;
        try (TestApp app = TestApp.start(home, clock, properties)) {
            DataRequests requests = app.bean(DataRequests.class);
            number = requests.register(new NewRequest("Остановки общественного транспорта", null, "olga@example.ru",
                    true, "key-1")).number();
            requests.answer(number, RequestOutcome.REFUSED, "Данные не ведутся.", null, null, "operator");
            await().atMost(Duration.ofSeconds(20)).until(() -> requests.find(number).orElseThrow().noticeAttempts() == 1);
            assertThat(requests.find(number).orElseThrow().noticeState()).isEqualTo("PENDING");
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            clock.set("2026-03-02T03:10:01Z");
            try (TestApp app = TestApp.start(home, clock, properties)) {
                DataRequests requests = app.bean(DataRequests.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(requests.find(number).orElseThrow()
                        .noticeState()));
                assertThat(requests.find(number).orElseThrow().noticeAttempts()).isEqualTo(2);
                assertThat(smtp.getReceivedMessages()).hasSize(1);
                assertThat(smtp.getReceivedMessages()[0].getSubject()).contains(number);
            }
        } finally {
            smtp.stop();
        }
    }
}
