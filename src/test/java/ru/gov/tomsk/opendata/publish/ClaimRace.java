package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nodes racing for the same delivery rows, straight against a state database migrated by the real scripts:
 * each row goes to exactly one of them, and a dataset's second delivery to the same target waits while the
 * first is held.
 */
final class ClaimRace {

    static final int NODES = 8;
    static final Instant NOW = Instant.parse("2026-03-20T02:00:00Z");

    private ClaimRace() {
    }

    static void run(DataSource database) throws Exception {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        DeliveryRepository repository = new DeliveryRepository(JdbcClient.create(database));
        for (int i = 0; i < 20; i++) {
            repository.insert("7017069388-race" + i, "20260320T0900", "regional", NOW);
        }
        List<Long> ids = repository.due("regional", NOW, 100);
        assertThat(ids).hasSize(20);

        ExecutorService nodes = Executors.newFixedThreadPool(NODES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> won = new ArrayList<>();
            for (int n = 0; n < NODES; n++) {
                String node = "node-" + n;
                Callable<List<Long>> claimAll = () -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (long id : ids) {
                        if (repository.claim(id, java.util.UUID.randomUUID().toString(), node, NOW, NOW.plus(Duration.ofMinutes(30)))) {
                            mine.add(id);
                        }
                    }
                    return mine;
                };
                won.add(nodes.submit(claimAll));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : won) {
                all.addAll(f.get());
            }
            assertThat(all).as("every row claimed exactly once").containsExactlyInAnyOrderElementsOf(ids);
            assertThat(ids).allSatisfy(id -> assertThat(repository.find(id).orElseThrow().attempts()).isEqualTo(1));
        } finally {
            nodes.shutdownNow();
        }

        // a newer delivery of a dataset is not taken while an older one of it is still being sent to that target
        long held = ids.get(0);
        String identifier = repository.find(held).orElseThrow().identifier();
        repository.insert(identifier, "20260320T1000", "regional", NOW);
        long newer = repository.find(identifier, "20260320T1000", "regional").orElseThrow().id();
        assertThat(repository.claim(newer, "t", "node-x", NOW, NOW.plusSeconds(60))).isFalse();
        // once the lease has run out (the holder died), it is free
        Instant later = NOW.plus(Duration.ofMinutes(31));
        assertThat(repository.claim(newer, "t", "node-x", later, later.plusSeconds(60))).isTrue();
    }
}
