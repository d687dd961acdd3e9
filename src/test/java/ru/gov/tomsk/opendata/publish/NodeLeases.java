package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The leases of a node that died mid-send, straight against a state database migrated by the real scripts: shown as
 * being sent only while their node reports that it is alive, and released at once by that node's restart, while
 * another node's leases stay held.
 */
final class NodeLeases {

    static final Instant NOW = Instant.parse("2026-03-20T02:00:00Z");

    private NodeLeases() {
    }

    static void run(DataSource database) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        DeliveryRepository repository = new DeliveryRepository(JdbcClient.create(database));
        repository.insert("7017069388-a", "20260320T0900", "regional", NOW);
        repository.insert("7017069388-b", "20260320T0900", "regional", NOW);
        long a = repository.find("7017069388-a", "20260320T0900", "regional").orElseThrow().id();
        long b = repository.find("7017069388-b", "20260320T0900", "regional").orElseThrow().id();
        Instant leaseEnd = NOW.plus(Duration.ofMinutes(30));
        assertThat(repository.claim(a, "token-a", "node-a", NOW, leaseEnd)).isTrue();
        assertThat(repository.claim(b, "token-b", "node-b", NOW, leaseEnd)).isTrue();

        // a lease by a node that never reported is no delivery being sent
        assertThat(sending(repository, a, NOW)).isFalse();
        repository.heartbeat("node-a", NOW, true);
        repository.heartbeat("node-b", NOW, true);
        assertThat(sending(repository, a, NOW)).isTrue();
        assertThat(sending(repository, b, NOW)).isTrue();

        // node-a is killed: it stops reporting, its lease stays, and soon it is not shown as sending any more
        Instant later = NOW.plus(Outbox.LIVE).plusSeconds(1);
        repository.heartbeat("node-b", later, false);
        assertThat(sending(repository, a, later)).isFalse();
        assertThat(sending(repository, b, later)).isTrue();
        assertThat(repository.due("regional", later, 10)).isEmpty();

        // node-a starts again: it takes its own delivery back at once, node-b's stays with node-b
        repository.heartbeat("node-a", later, true);
        assertThat(repository.releaseLeftBy("node-a", "interrupted: node node-a stopped while sending it", later))
                .extracting(Delivery::id).containsExactly(a);
        Delivery released = repository.find(a).orElseThrow();
        assertThat(released.claimedBy()).isNull();
        assertThat(released.claimedUntil()).isNull();
        assertThat(released.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(released.attempts()).as("the interrupted attempt counts").isEqualTo(1);
        assertThat(released.lastError()).isEqualTo("interrupted: node node-a stopped while sending it");
        assertThat(repository.due("regional", later, 10)).containsExactly(a);
        assertThat(repository.find(b).orElseThrow().claimedBy()).isEqualTo("node-b");
        assertThat(repository.releaseLeftBy("node-a", "again", later)).isEmpty();

        // a lease that ran out is not being sent either, whoever held it
        Instant expired = leaseEnd.plusSeconds(1);
        repository.heartbeat("node-b", expired, false);
        assertThat(sending(repository, b, expired)).isFalse();
    }

    private static boolean sending(DeliveryRepository repository, long id, Instant now) {
        return repository.find(id).orElseThrow().withSending(repository.liveNodes(now.minus(Outbox.LIVE)), now).sending();
    }
}
