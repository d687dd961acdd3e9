package ru.gov.tomsk.opendata.programme.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Golden;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * The requests as open data, through the shipped feed file {@code config/feeds/7017000420-requests.yaml} and the real
 * pipeline: the exact CSV of a small set (one request of each state and outcome), the redacted text instead of the
 * citizen's words, and no contact in any file the section publishes; a new answer is a new version.
 */
class RequestsDatasetTest {

    static final String FEED = "7017000420-requests";

    @TempDir
    Path home;

    @Test
    void theShippedFeedPublishesTheRequestsAsPublishedAndNeverTheContact() throws Exception {
        Files.copy(Path.of("config/feeds", FEED + ".yaml"), TestApp.feeds(home).resolve(FEED + ".yaml"));
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try (TestApp app = TestApp.start(home, clock, Map.of())) {
            DataRequests requests = app.bean(DataRequests.class);
            DataRequest open = requests.register(new NewRequest("Расписание пригородных автобусов", "Для поездок на дачу",
                    "dachnik@example.ru", true, "k1"));
            clock.set(Instant.parse("2026-03-03T03:00:00Z"));
            DataRequest published = requests.register(new NewRequest("Адреса школ; звоните мне 8-913-000-00-00",
                    "Выбрать школу, \"рядом\"", "ivanov@example.ru", true, "k2"));
            requests.redact(published.number(), "Адреса школ", "Выбрать школу, \"рядом\"", "operator");
            DataRequest planned = requests.register(new NewRequest("Детские площадки", null, null, false, "k3"));
            // late in the evening in Tomsk: still 3 March there, 4 March nowhere
            clock.set(Instant.parse("2026-03-03T16:30:00Z"));
            DataRequest refused = requests.register(new NewRequest("Зарплаты чиновников", null, "petrov@example.ru",
                    true, "k4"));
            clock.set(Instant.parse("2026-03-10T04:00:00Z"));
            requests.assign(open.number(), "7017069388", "operator");
            requests.answer(published.number(), RequestOutcome.PUBLISHED, "Набор опубликован", "7017069388-schools",
                    null, "operator");
            requests.answer(planned.number(), RequestOutcome.PLANNED, "Готовим выгрузку", null,
                    LocalDate.of(2026, 6, 1), "operator");
            requests.answer(refused.number(), RequestOutcome.REFUSED, "Сведения ограниченного доступа", null, null,
                    "operator");

            FeedRun run = app.run(FEED);
            assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(run.rowsWritten()).isEqualTo(4);
            Path dir = TestApp.portal(home).resolve(FEED);
            Golden.assertMatches(only(dir, ".csv"), "requests/requests-data.csv");
            assertThat(Files.readString(only(dir, ".json"))).contains("Адреса школ").doesNotContain("8-913");

            // nothing the section publishes holds a contact or the words an operator redacted
            try (Stream<Path> files = Files.walk(TestApp.portal(home))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    assertThat(text).as(file.toString()).doesNotContain("@example.ru", "8-913", "dachnik", "petrov");
                }
            }

            // the next day's run without a change publishes nothing; an answer is a new version
            clock.set(Instant.parse("2026-03-11T04:00:00Z"));
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.UNCHANGED);
            requests.answer(open.number(), RequestOutcome.PLANNED, null, null, LocalDate.of(2026, 9, 1), "operator");
            clock.set(Instant.parse("2026-03-12T04:00:00Z"));
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.PUBLISHED);
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    /** The newest data file of that extension (the data files are data-<stamp>-structure-<stamp>.<ext>). */
    static Path only(Path dir, String extension) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> data = files.filter(f -> f.getFileName().toString().startsWith("data-")
                    && f.getFileName().toString().endsWith(extension)).sorted().toList();
            assertThat(data).isNotEmpty();
            return data.get(data.size() - 1);
        }
    }
}
