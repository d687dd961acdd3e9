package ru.gov.tomsk.opendata.publish;

/**
 * A portal that receives published datasets. One instance per configured target, made by the
 * {@link TargetKind} its {@code kind} names.
 *
 * <p>A delivery must be idempotent: delivering the same dataset twice leaves the portal as if it had been
 * delivered once (the outbox retries after crashes and timeouts, when it cannot know what arrived). It must
 * leave the portal consistent at every step: files before the passport that links them, the passport before
 * the registry. It reports failure through the {@link DeliveryResult}, not by throwing; an exception is
 * taken as a retryable failure.
 */
public interface DeliveryTarget {

    /** The configured name ({@code opendata.targets.<name>}), as feeds list it in {@code publish}. */
    String name();

    DeliveryResult deliver(DatasetDelivery delivery);
}
