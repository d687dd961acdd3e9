package ru.gov.tomsk.opendata.programme.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.ops.FeedEventKind;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The notices' queue and the deadlines on PostgreSQL, the production database: due notices, the claim one node wins,
 * a failed attempt's next try, giving up, sending again, and the alerts' ledger. (No mail server: the test drives
 * the queue itself.)
 */
class RequestsPostgresTest {

    @TempDir
    Path home;

    @Test
    void theNoticeQueueAndTheDeadlinesWorkOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, Object> props = new HashMap<>();
            props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
            props.put("opendata.alerts.check-interval", "1h");
            MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
            try (TestApp app = TestApp.start(home, clock, props)) {
                DataRequests requests = app.bean(DataRequests.class);
                String a = requests.register(new NewRequest("Данные А", null, "a@example.ru", true, "k")).number();
                String b = requests.register(new NewRequest("Данные Б", null, null, false, "k")).number();
                assertThat(requests.answer(a, RequestOutcome.PLANNED, null, null, LocalDate.parse("2026-05-01"), "op"))
                        .isTrue();
                requests.answer(b, RequestOutcome.REFUSED, "Нет данных", null, null, "op");
                Instant now = clock.instant();
                // b has no contact: nothing to send
                assertThat(requests.noticesDue(now, 10)).extracting(DataRequest::number).containsExactly(a);
                assertThat(requests.claimNotice(a, 0, now, now.plusSeconds(600))).isTrue();
                assertThat(requests.claimNotice(a, 0, now, now.plusSeconds(600))).as("taken by the first").isFalse();
                assertThat(requests.noticesDue(now, 10)).isEmpty();
                requests.noticeFailed(a, "x".repeat(1200), now.plusSeconds(300));
                assertThat(requests.noticeNextAt(a)).contains(now.plusSeconds(300));
                DataRequest failedOnce = requests.find(a).orElseThrow();
                assertThat(failedOnce.noticeAttempts()).isEqualTo(1);
                assertThat(failedOnce.noticeError()).hasSize(1000).endsWith("…");
                assertThat(requests.noticesDue(now.plusSeconds(300), 10)).hasSize(1);
                requests.noticeFailed(a, "refused", null);
                assertThat(requests.find(a).orElseThrow().noticeState()).isEqualTo("FAILED");
                assertThat(requests.noticeNextAt(a)).isEmpty();
                assertThat(requests.resendNotice(a)).isTrue();
                assertThat(requests.resendNotice(a)).as("only a FAILED one").isFalse();
                assertThat(requests.find(a).orElseThrow().noticeAttempts()).isZero();
                requests.noticeSent(a, now);
                assertThat(requests.find(a).orElseThrow()).extracting(DataRequest::noticeState,
                        DataRequest::noticeSentAt).containsExactly("SENT", now);

                // an unanswered request crossing its deadline, alerted once through the ledger
                String c = requests.register(new NewRequest("Данные В", null, null, false, "k")).number();
                clock.set("2026-04-02T03:00:00Z");
                RequestDeadlines.Summary summary = app.bean(RequestDeadlines.class).summary();
                assertThat(summary.overdue()).isEqualTo(1);
                assertThat(summary.of(RequestStatus.ANSWERED_ON_TIME)).isEqualTo(2);
                assertThat(app.bean(RequestAlerts.class).check()).hasSize(1);
                assertThat(app.bean(RequestAlerts.class).check()).isEmpty();
                assertThat(app.bean(ru.gov.tomsk.opendata.ops.AlertLedger.class).count(c, FeedEventKind.REQUEST_OVERDUE))
                        .isEqualTo(1);
            }
        }
    }
}
