package ru.gov.tomsk.opendata.source.section;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.programme.requests.DataRequests;
import ru.gov.tomsk.opendata.programme.requests.NewRequest;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * Source kind {@code section} through the real application: the rows of a {@link SectionDataset} bean (the requests)
 * are validated, versioned and published like any feed's, a run with the same rows publishes nothing new, and a feed naming a
 * dataset outside the Kamelet's list is refused at its line.
 */
class SectionSourceTest {

    static final String FEED = "7017000420-requests";

    @TempDir
    Path home;

    void installFeed(String dataset) throws Exception {
        Files.writeString(TestApp.feeds(home).resolve(FEED + ".yaml"), """
                identifier: %s
                title: Запросы на открытие данных
                description: Запросы граждан на публикацию новых наборов и ответы на них
                creator: Департамент информационной политики Томской области
                subject: [запросы, открытые данные]
                publisher: { name: Иванова Анна Сергеевна, phone: "+7 3822 510000", email: opendata@tomsk.example }
                frequency: daily
                schedule: "0 0 4 * * ?"
                source:
                  kind: section
                  dataset: %s
                structure:
                  key: [number]
                  fields:
                    - { name: number,     en: Number,        ru: Регистрационный номер, type: string, required: true }
                    - { name: registered, en: Registered on, ru: Дата регистрации,      type: date,   required: true }
                    - { name: what,       en: Requested data, ru: Запрошенные данные,   type: string, required: true }
                formats: [csv]
                """.formatted(FEED, dataset));
    }

    @Test
    void theRowsOfTheNamedDatasetArePublishedAndAnUnchangedRunPublishesNothing() throws Exception {
        installFeed("requests");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
        // the service's own section dataset "requests" (RequestsDataset), its rows the registered requests; the
        // feed takes three of its columns
        try (TestApp app = TestApp.start(home, clock, Map.of())) {
            DataRequests requests = app.bean(DataRequests.class);
            requests.register(new NewRequest("Расписание пригородных автобусов", null, null, false, "k"));
            clock.set(Instant.parse("2026-03-05T02:00:00Z"));
            requests.register(new NewRequest("Адреса пунктов приёма вторсырья, с координатами", null, null, false, "k"));
            clock.set(Instant.parse("2026-03-20T02:00:00Z"));
            FeedRun first = app.run(FEED);
            assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(Files.readString(TestApp.portal(home).resolve(FEED)
                    .resolve("data-20260320T0900-structure-20260320T0900.csv"))).isEqualTo(
                    "number,registered,what\r\n"
                            + "З-2026-0001,2026-03-02,Расписание пригородных автобусов\r\n"
                            + "З-2026-0002,2026-03-05,\"Адреса пунктов приёма вторсырья, с координатами\"\r\n");

            clock.set(Instant.parse("2026-03-21T02:00:00Z"));
            assertThat(app.run(FEED).status()).isEqualTo(RunStatus.UNCHANGED);

            requests.register(new NewRequest("Реестр детских площадок", null, null, false, "k"));
            clock.set(Instant.parse("2026-03-22T02:00:00Z"));
            FeedRun third = app.run(FEED);
            assertThat(third.status()).as(third.message()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(third.rowsWritten()).isEqualTo(3);
        }
    }

    @Test
    void aDatasetTheKindDoesNotKnowIsRefusedAtItsLine() throws Exception {
        installFeed("complaints");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
        try (TestApp app = TestApp.start(home, clock, Map.of())) {
            assertThat(app.bean(FeedRegistry.class).feed(FEED)).isEmpty();
            assertThat(app.bean(FeedRegistry.class).broken().get(FEED).getMessage())
                    .contains(FEED + ".yaml:11:").contains("source.dataset").contains("complaints");
        }
    }
}
