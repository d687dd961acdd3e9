package ru.gov.tomsk.opendata.ops.dryrun;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.ops.DryRunResult;
import ru.gov.tomsk.opendata.ops.DryRuns;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/** A dry run of an HTTP feed pages through the API with the feed's own reader (WireMock as the API). */
class HttpDryRunTest {

    static final String FEED = "7017069388-httpdry";

    @TempDir
    Path home;

    @Test
    void pagesThroughTheApiAndShowsRowsAndRejects() throws Exception {
        WireMockServer api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        api.start();
        try {
            api.stubFor(get(urlPathEqualTo("/items")).withQueryParam("page", equalTo("1"))
                    .willReturn(okJson("{\"items\": [{\"id\": 1, \"name\": \"Музей\"}, {\"id\": 2, \"name\": \"\"}]}")));
            api.stubFor(get(urlPathEqualTo("/items")).withQueryParam("page", equalTo("2"))
                    .willReturn(okJson("{\"items\": [{\"id\": 3, \"name\": \"Театр\"}]}")));
            api.stubFor(get(urlPathEqualTo("/items")).withQueryParam("page", equalTo("3"))
                    .willReturn(okJson("{\"items\": []}")));
            Files.writeString(TestApp.feeds(home).resolve(FEED + ".yaml"), """
                    identifier: %s
                    title: Тестовый набор HTTP
                    description: Записи из HTTP API
                    creator: Департамент тестирования Томской области
                    subject: [тест, http]
                    publisher: { name: Иванова Анна Петровна, phone: "+7 3822 000000", email: opendata@example.ru }
                    frequency: daily
                    schedule: "0 0 3 * * ?"
                    formats: [csv, json]
                    source:
                      kind: http
                      url: %s/items
                      pagination: page
                      pageSize: 2
                      path: items
                    structure:
                      key: [id]
                      fields:
                        - { name: id,   en: Identifier, ru: Идентификатор, type: integer, required: true }
                        - { name: name, en: Name,       ru: Наименование,  type: string,  required: true }
                    """.formatted(FEED, api.baseUrl()));
            try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), Map.of())) {
                StateSnapshot.stopTimers(app);
                StateSnapshot before = StateSnapshot.of(home, app);

                DryRunResult dry = app.bean(DryRuns.class).dryRun(FEED, 5);

                assertThat(StateSnapshot.of(home, app)).isEqualTo(before);
                assertThat(dry.error()).isNull();
                assertThat(List.of(dry.rowsRead(), dry.rowsValid(), dry.rowsRejected())).containsExactly(3L, 2L, 1L);
                assertThat(dry.firstRows()).containsExactly(List.of("1", "Музей"), List.of("3", "Театр"));
                assertThat(dry.rejectedRows()).extracting(QuarantineEntry::row, QuarantineEntry::field, QuarantineEntry::reason)
                        .containsExactly(tuple(2L, "name", "Обязательное значение не заполнено. Подробности: "
                                + "field name, no value: required value is empty"));
                // 1 of 3 rejected is more than the default 10%
                assertThat(dry.outcome()).isEqualTo("HELD");
                api.verify(1, getRequestedFor(urlPathEqualTo("/items")).withQueryParam("page", equalTo("2")));
                assertThat(app.runs(FEED)).isEmpty();
            }
        } finally {
            api.stop();
        }
    }
}
