package ru.gov.tomsk.opendata.programme.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;
import ru.gov.tomsk.opendata.support.MutableClock;

/**
 * The requests repository on both state databases: numbers per year of the region's calendar (not UTC's, not the
 * JVM's), the 30-day deadline, distinct consecutive numbers for registrations racing from two threads, the
 * per-address count and the public page's paging; and the keyed hash of an address that the limit counts by.
 */
class DataRequestsTest {

    static final ZoneId TOMSK = ZoneId.of("Asia/Tomsk");

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-20T02:00:00Z"));
    TimeZone jvmZone;

    @BeforeEach
    void anotherJvmZone() {
        // the region's dates must not depend on the zone the JVM happens to run in
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
    }

    @AfterEach
    void restoreJvmZone() {
        TimeZone.setDefault(jvmZone);
    }

    static OpendataProperties opendata() {
        return new OpendataProperties(TOMSK, "https://opendata.example.ru/opendata/", "std", Path.of("portal"),
                Path.of("feeds"), Path.of("work"), Path.of("quarantine"), null, null, null, null);
    }

    static ProgrammeProperties programme() {
        return new ProgrammeProperties(null, new ProgrammeProperties.Requests(30, 7, 5, Duration.ofHours(1), 2000,
                16384, null, 8, Duration.ofMinutes(5)), Path.of("config/mandates"), null, null);
    }

    @Test
    void onH2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:requests-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        contract(h2);
    }

    @Test
    void onPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            contract(postgres.getPostgresDatabase());
        }
    }

    void contract(DataSource database) throws Exception {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        DataRequests requests = new DataRequests(jdbc, clock, opendata(), programme());

        DataRequest first = requests.register(new NewRequest("Расписание автобусов", null, "a@example.ru", true, "k1"));
        assertThat(first.number()).isEqualTo("З-2026-0001");
        assertThat(first.registeredAt()).isEqualTo(clock.instant());
        assertThat(first.dueOn()).isEqualTo(LocalDate.of(2026, 4, 19));
        assertThat(first.state()).isEqualTo(RequestState.REGISTERED);
        assertThat(first.contactEmail()).isEqualTo("a@example.ru");

        // 18:00 UTC on New Year's Eve is already 1 January in Tomsk (UTC+7): the next year's first number
        clock.set(Instant.parse("2026-12-31T16:59:59Z"));
        DataRequest lastOf2026 = requests.register(new NewRequest("Реестр парков", "Для прогулок", null, false, "k2"));
        assertThat(lastOf2026.number()).isEqualTo("З-2026-0002");
        assertThat(lastOf2026.dueOn()).isEqualTo(LocalDate.of(2027, 1, 30));
        clock.set(Instant.parse("2026-12-31T18:00:00Z"));
        DataRequest firstOf2027 = requests.register(new NewRequest("Реестр катков", null, null, false, "k2"));
        assertThat(firstOf2027.number()).isEqualTo("З-2027-0001");
        assertThat(firstOf2027.dueOn()).isEqualTo(LocalDate.of(2027, 1, 31));

        // two threads registering at once: every number once, and no gap
        int each = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<String>> registering = () -> {
                start.await();
                List<String> numbers = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    numbers.add(requests.register(new NewRequest("Одновременный " + i, null, null, false, "race"))
                            .number());
                }
                return numbers;
            };
            Future<List<String>> a = pool.submit(registering);
            Future<List<String>> b = pool.submit(registering);
            start.countDown();
            List<String> all = new ArrayList<>(a.get());
            all.addAll(b.get());
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(2, 1 + 2 * each).mapToObj(n -> DataRequests.number(2027, n)).toList());
        } finally {
            pool.shutdownNow();
        }

        // the per-address count, and when the sender's first request within the window was registered
        assertThat(requests.countFrom("race", clock.instant().minusSeconds(1))).isEqualTo(2 * each);
        assertThat(requests.countFrom("k2", Instant.parse("2026-12-31T17:00:00Z"))).isEqualTo(1);
        assertThat(requests.countFrom("k2", Instant.parse("2026-12-31T00:00:00Z"))).isEqualTo(2);
        assertThat(requests.firstFrom("k2", Instant.parse("2026-12-31T00:00:00Z")))
                .contains(Instant.parse("2026-12-31T16:59:59Z"));
        assertThat(requests.firstFrom("nobody", Instant.EPOCH)).isEmpty();

        // the public page: newest first, in pages
        assertThat(requests.count()).isEqualTo(3 + 2 * each);
        assertThat(requests.page(0, 2)).extracting(DataRequest::number)
                .containsExactly(DataRequests.number(2027, 1 + 2 * each), DataRequests.number(2027, 2 * each));
        assertThat(requests.page(2 * each + 1, 5)).extracting(DataRequest::number)
                .containsExactly("З-2026-0002", "З-2026-0001");

        // the address is kept only as a keyed hash; the key is made once and shared (another instance, same key)
        ClientKeys keys = new ClientKeys(jdbc, clock);
        String key = keys.of("203.0.113.7");
        // hex of an HMAC, not the address: (a fragment such as "203" occurs in 1.5 % of random hashes by chance)
        assertThat(key).hasSize(64).matches("[0-9a-f]{64}").doesNotContain("203.0.113.7")
                .isNotEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest("203.0.113.7".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).isEqualTo(new ClientKeys(jdbc, clock).of("203.0.113.7"))
                .isNotEqualTo(keys.of("203.0.113.8"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM request_client_secret").query(Long.class).single()).isEqualTo(1);
        // an IPv6 sender is one sender for its whole /64
        assertThat(keys.of("2001:db8:1:2::1")).isEqualTo(keys.of("2001:db8:1:2:ffff::9"))
                .isNotEqualTo(keys.of("2001:db8:1:3::1"));
    }
}
