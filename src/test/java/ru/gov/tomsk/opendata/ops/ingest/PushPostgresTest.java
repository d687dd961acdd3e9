package ru.gov.tomsk.opendata.ops.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * Push ingestion on PostgreSQL as the state database: V8_2 migrates there, a key is held by its push, the per-feed lock
 * refuses a second holder, and a retry is answered from PostgreSQL's rows.
 */
class PushPostgresTest {

    static final String FEED = "7017069388-push_pg";

    @TempDir
    Path home;

    @Test
    void aPushAndItsRetryAreRecordedOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            PushFeeds.install(home, FEED, "  format: csv\n", "0 0 3 * * ?", "");
            Map<String, Object> props = new HashMap<>();
            props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
            byte[] body = PushIngestionEndToEndTest.UTF8_TEXT.getBytes(StandardCharsets.UTF_8);

            try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T09:00:00Z")), props)) {
                String token = app.bean(PushTokens.class).issue(FEED, "test").secret();
                PushRequests requests = app.bean(PushRequests.class);
                long other = requests.start(FEED, null, "0".repeat(64), 1);
                assertThat(requests.lock(FEED, other, "node-a")).isTrue();
                assertThat(requests.lock(FEED, other + 1, "node-b")).as("one holder per feed").isFalse();
                requests.unlock(FEED, other);

                HttpResponse<String> first = PushFeeds.push(app, FEED, token, body, "pg-1");
                HttpResponse<String> retry = PushFeeds.push(app, FEED, token, body, "pg-1");

                assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
                assertThat(first.body()).contains("\"outcome\":\"published\"");
                assertThat(retry.body()).isEqualTo(first.body());
                assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
                assertThat(PushFeeds.dataCsv(home, FEED)).hasBinaryContent(
                        PushIngestionEndToEndTest.PUBLISHED.getBytes(StandardCharsets.UTF_8));
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT idempotency_key, state, http_status FROM push_request"
                         + " WHERE feed_id = '" + FEED + "' AND idempotency_key IS NOT NULL")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("pg-1");
                assertThat(rs.getString(2)).isEqualTo("DONE");
                assertThat(rs.getInt(3)).isEqualTo(200);
                assertThat(rs.next()).as("one push recorded for the key").isFalse();
            }
        }
    }
}
