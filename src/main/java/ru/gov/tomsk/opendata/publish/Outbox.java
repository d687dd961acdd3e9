package ru.gov.tomsk.opendata.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.NodeIdentity;
import ru.gov.tomsk.opendata.catalog.PublishedDataset;

/**
 * The delivery outbox: what each target still has to receive, in the state database, worked off by each
 * target's poll ({@link OutboxRoutes}).
 *
 * <p>One row per (dataset version, target). A run that publishes a version, or confirms it unchanged (which
 * moves the passport's {@code valid}), {@linkplain #request requests} it for the feed's targets; a newer version
 * supersedes an older one still pending. A failed attempt is retried with the service's {@link
 * ru.gov.tomsk.opendata.retry.Backoff}, its next attempt written to the row: not Camel's redelivery, which would
 * hold the wait in memory and lose it at a restart, and hold the target's poll thread meanwhile. A permanent
 * failure, or a delivery still failing {@code max-age} after it was requested, is given up and logged as ERROR.
 * A target is sent what the catalogue holds when the attempt starts, so a delivery never takes an older state
 * to a portal than the one already committed.
 *
 * <p>A node sends a delivery under a lease naming it ({@link NodeIdentity}, the same across restarts). A node killed
 * mid-send leaves its lease: restarted, it takes its deliveries back at once; another node takes them when the lease
 * runs out. Each node reports every poll interval (at most {@link #HEARTBEAT}) that it is alive, so a lease is shown
 * as a delivery being sent only while its holder is.
 */
@Service
public class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** Candidates read per claim round; small, because other nodes compete for the same rows. */
    private static final int CLAIM_ROUND = 10;
    /** How often a node reports that it is alive, at most (more often with a shorter poll interval). */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** A node that has not reported for this long is taken for dead: its leases are no longer shown as sending. */
    public static final Duration LIVE = Duration.ofSeconds(30);

    private final DeliveryRepository repository;
    private final DeliveryTargets targets;
    private final Catalog catalog;
    private final PublishProperties.Outbox settings;
    private final Clock clock;
    private final String node;

    public Outbox(DeliveryRepository repository, DeliveryTargets targets, Catalog catalog, PublishProperties properties,
                  Clock clock, NodeIdentity node) {
        this.repository = repository;
        this.targets = targets;
        this.catalog = catalog;
        this.settings = properties.outbox();
        this.clock = clock;
        this.node = node.id();
    }

    /**
     * Before the first poll: a lease this node still holds was taken by its previous life, killed mid-send (its
     * identity survives restarts, and no other running process has it). Each such delivery is taken back at once,
     * not after the lease, so a restart delays a portal by no more than one poll plus the target's backoff.
     */
    @PostConstruct
    void takeBackInterrupted() {
        Instant now = clock.instant();
        repository.heartbeat(node, now, true);
        for (Delivery d : repository.releaseLeftBy(node, "interrupted: node " + node + " stopped while sending it; "
                + "sent again at once", now)) {
            LOG.warn("Delivery {} of {} version {} to {} was interrupted when node {} stopped during attempt {}; "
                    + "it is sent again now", d.id(), d.identifier(), d.dataVersion(), d.target(), node, d.attempts());
        }
    }

    /** This node is alive: its leases count as deliveries being sent. Called every {@link #heartbeatInterval()}. */
    public void heartbeat() {
        repository.heartbeat(node, clock.instant(), false);
    }

    Duration heartbeatInterval() {
        return settings.pollInterval().compareTo(HEARTBEAT) < 0 ? settings.pollInterval() : HEARTBEAT;
    }

    /**
     * A run published {@code dataVersion}, or confirmed it unchanged: each target is to hold the dataset as the
     * catalogue has it now. Creates the delivery, or asks again for one already done or given up (the passport
     * changed since), and supersedes pending deliveries of older versions.
     */
    public void request(String identifier, String dataVersion, Collection<String> targetNames) {
        for (String target : targetNames) {
            Instant now = clock.instant();
            Optional<Delivery> existing = repository.find(identifier, dataVersion, target);
            if (existing.isEmpty()) {
                insert(identifier, dataVersion, target, now);
            } else {
                repository.rearm(existing.get().id(), now);
            }
            supersedeOlder(identifier, dataVersion, target, now);
        }
    }

    /**
     * Creates the deliveries of {@code dataVersion} that do not exist, and touches none that do. At start-up
     * this catches a version whose run ended between its commit and its {@link #request} (a crash), and a
     * target added to a feed's {@code publish} list since.
     */
    public void ensure(String identifier, String dataVersion, Collection<String> targetNames) {
        for (String target : targetNames) {
            if (repository.find(identifier, dataVersion, target).isEmpty()) {
                Instant now = clock.instant();
                insert(identifier, dataVersion, target, now);
                supersedeOlder(identifier, dataVersion, target, now);
                LOG.info("Delivery of {} version {} to {} was missing and is now queued", identifier, dataVersion, target);
            }
        }
    }

    private void insert(String identifier, String dataVersion, String target, Instant now) {
        try {
            repository.insert(identifier, dataVersion, target, now);
        } catch (DuplicateKeyException anotherNodeWasQuicker) {
            repository.find(identifier, dataVersion, target).ifPresent(d -> repository.rearm(d.id(), now));
        }
    }

    private void supersedeOlder(String identifier, String dataVersion, String target, Instant now) {
        for (Delivery older : repository.supersede(identifier, target, dataVersion, now)) {
            LOG.info("Delivery {} of {} version {} to {} superseded by version {}", older.id(), identifier,
                    older.dataVersion(), target, dataVersion);
        }
    }

    /** Every delivery of a dataset, oldest first: what reached which portal, and what is still on its way. */
    public List<Delivery> deliveries(String identifier) {
        return withSending(repository.byDataset(identifier));
    }

    public List<Delivery> deliveries(DeliveryStatus status) {
        return withSending(repository.byStatus(status));
    }

    public Optional<Delivery> delivery(long id) {
        return repository.find(id).map(d -> withSending(List.of(d)).get(0));
    }

    /** Marks the deliveries being sent: those whose lease is held by a node alive now. */
    private List<Delivery> withSending(List<Delivery> deliveries) {
        if (deliveries.stream().allMatch(d -> d.claimedBy() == null)) {
            return deliveries;
        }
        Instant now = clock.instant();
        Set<String> live = repository.liveNodes(now.minus(LIVE));
        return deliveries.stream().map(d -> d.withSending(live, now)).toList();
    }

    /**
     * An operator's retry: a given-up delivery starts a new round at once, a pending one skips the rest of its
     * backoff. Refused for a delivery that a newer version has overtaken: retry that one.
     */
    public Delivery retry(long id, String operator) {
        Delivery delivery = repository.find(id).orElseThrow(() -> new IllegalArgumentException("no delivery " + id));
        Optional<Delivery> newer = repository.newer(delivery);
        if (newer.isPresent()) {
            throw new IllegalStateException("delivery " + id + " of " + delivery.identifier() + " version "
                    + delivery.dataVersion() + " is overtaken by version " + newer.get().dataVersion() + " (delivery "
                    + newer.get().id() + ", " + newer.get().status() + "); retry that one");
        }
        if (!repository.retryNow(id, clock.instant())) {
            throw new IllegalStateException("delivery " + id + " is " + delivery.status() + "; only FAILED or PENDING ones are retried");
        }
        LOG.info("Delivery {} of {} version {} to {} retried now by {}", id, delivery.identifier(), delivery.dataVersion(),
                delivery.target(), operator);
        return delivery(id).orElseThrow();
    }

    /**
     * One poll of one target: sends its due deliveries one after another, each in its own right (a dataset that
     * fails does not stop the next), at most {@code batch-size} of them. Other targets poll on their own threads.
     */
    public void sendDue(String targetName) {
        DeliveryTarget target = targets.target(targetName)
                .orElseThrow(() -> new IllegalArgumentException("no target named " + targetName));
        int sent = 0;
        while (sent < settings.batchSize()) {
            Instant now = clock.instant();
            List<Long> due = repository.due(targetName, now, CLAIM_ROUND);
            boolean claimedAny = false;
            for (long id : due) {
                if (sent >= settings.batchSize()) {
                    return;
                }
                String token = UUID.randomUUID().toString();
                if (!repository.claim(id, token, node, now, now.plus(settings.lease()))) {
                    continue; // another node has it, or another delivery of that dataset is under way
                }
                claimedAny = true;
                sent++;
                repository.find(id).ifPresent(delivery -> attempt(target, delivery, token));
            }
            if (!claimedAny) {
                return;
            }
        }
    }

    private void attempt(DeliveryTarget target, Delivery delivery, String token) {
        DeliveryResult result;
        try {
            Optional<PublishedDataset> dataset = catalog.published(delivery.identifier());
            result = dataset.isEmpty()
                    ? DeliveryResult.permanent(delivery.identifier() + " has no published version in the catalogue")
                    : target.deliver(new DatasetDelivery(delivery.id(), delivery.identifier(), delivery.dataVersion(),
                            delivery.target(), delivery.attempts(), dataset.get()));
        } catch (RuntimeException e) {
            // a target's bug or the state database: not the dataset's fault, so try again later
            LOG.warn("Delivery {} to {} failed unexpectedly", delivery.id(), delivery.target(), e);
            result = DeliveryResult.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        record(delivery, token, result);
    }

    private void record(Delivery d, String token, DeliveryResult result) {
        Instant now = clock.instant();
        String message = Redaction.clean(result.message());
        switch (result.outcome()) {
            case DELIVERED -> {
                if (repository.done(d.id(), token, d.revision(), now)) {
                    LOG.info("Delivered {} version {} to {} (delivery {}, attempt {}): {}", d.identifier(), d.dataVersion(),
                            d.target(), d.id(), d.attempts(), message);
                } else {
                    // superseded, or asked for again while being sent: the target may have an older passport; the
                    // newer delivery or the next attempt of this one brings it up to date
                    repository.release(d.id(), token, now, now);
                    LOG.info("Delivery {} of {} version {} to {} was superseded or requested again while being sent; "
                            + "it is sent again if still pending", d.id(), d.identifier(), d.dataVersion(), d.target());
                }
            }
            case RETRY -> {
                Instant deadline = d.pendingSince().plus(settings.maxAge());
                if (!now.isBefore(deadline)) {
                    giveUp(d, token, "still failing after " + d.attempts() + " attempt(s) since " + d.pendingSince()
                            + " (opendata.outbox.max-age " + settings.maxAge() + "): " + message, now);
                } else {
                    Instant next = now.plus(settings.backoff(d.attempts()));
                    if (repository.failed(d.id(), token, DeliveryStatus.PENDING, next, message, now)) {
                        LOG.warn("Delivery {} of {} version {} to {} failed (attempt {}): {}; next attempt at {}", d.id(),
                                d.identifier(), d.dataVersion(), d.target(), d.attempts(), message, next);
                    } else {
                        repository.release(d.id(), token, now, now);
                    }
                }
            }
            case PERMANENT -> giveUp(d, token, message, now);
        }
    }

    private void giveUp(Delivery d, String token, String message, Instant now) {
        if (repository.failed(d.id(), token, DeliveryStatus.FAILED, now, message, now)) {
            LOG.error("Delivery {} of {} version {} to {} GIVEN UP after {} attempt(s): {}. Fix the target, then retry it "
                    + "(Outbox.retry) or let the next run of the feed ask again", d.id(), d.identifier(), d.dataVersion(),
                    d.target(), d.attempts(), message);
        } else {
            repository.release(d.id(), token, now, now);
        }
    }

    /**
     * Pending deliveries to a target that is no longer configured would wait forever, unseen: give them up
     * loudly at start-up instead.
     */
    @EventListener(ApplicationReadyEvent.class)
    void giveUpUnconfiguredTargets() {
        for (String target : repository.pendingTargets()) {
            if (targets.target(target).isEmpty()) {
                int count = repository.giveUpTarget(target, "target '" + target + "' is not configured (opendata.targets)",
                        clock.instant());
                LOG.error("{} pending deliveries to '{}' GIVEN UP: no such target is configured (opendata.targets)", count, target);
            }
        }
    }
}
