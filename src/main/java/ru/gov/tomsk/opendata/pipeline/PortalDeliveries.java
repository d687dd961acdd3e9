package ru.gov.tomsk.opendata.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.publish.Outbox;

/**
 * Hands what a feed's runs publish to the delivery outbox, for the targets the feed lists in {@code publish}.
 *
 * <p>Every successful run asks, not only one that made a new version: an unchanged run moves the passport's
 * {@code valid} forward, and the portals' copies of {@code meta.*} must follow it. The request comes after the
 * commit, so a crash in between would leave a version unrequested; at start-up every loaded feed's newest version
 * is therefore checked for missing deliveries.
 */
public class PortalDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(PortalDeliveries.class);

    private final Outbox outbox;
    private final FeedRegistry registry;
    private final Catalog catalog;

    public PortalDeliveries(Outbox outbox, FeedRegistry registry, Catalog catalog) {
        this.outbox = outbox;
        this.registry = registry;
        this.catalog = catalog;
    }

    /** A run published {@code dataVersion} or confirmed it unchanged. */
    void request(FeedDefinition feed, String dataVersion) {
        if (feed.publish().isEmpty() || dataVersion == null) {
            return;
        }
        try {
            outbox.request(feed.identifier(), dataVersion, feed.publish());
        } catch (RuntimeException e) {
            // the version is committed and stays so; its deliveries are queued by the next run or start
            LOG.error("Feed {}: deliveries of version {} to {} could not be queued: {}", feed.identifier(), dataVersion,
                    feed.publish(), e.getMessage(), e);
        }
    }

    /** Runs after the feeds are loaded (Camel has started them by then). */
    @EventListener(ApplicationReadyEvent.class)
    void ensureAtStart() {
        for (FeedDefinition feed : registry.feeds()) {
            if (feed.publish().isEmpty()) {
                continue;
            }
            try {
                catalog.latest(feed.identifier()).ifPresent(v -> outbox.ensure(feed.identifier(), v.version(), feed.publish()));
            } catch (RuntimeException e) {
                LOG.error("Feed {}: cannot check its deliveries at start-up: {}", feed.identifier(), e.getMessage());
            }
        }
    }
}
