package ru.gov.tomsk.opendata.pipeline;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.CommitResult;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.HeldDecisionRefused;
import ru.gov.tomsk.opendata.catalog.HeldVersion;
import ru.gov.tomsk.opendata.catalog.NewVersion;

/** An operator's decisions on versions the guards held back. */
public class HeldVersions {

    private static final Logger LOG = LoggerFactory.getLogger(HeldVersions.class);

    private final FeedRegistry registry;
    private final Catalog catalog;
    private final GateRepository gate;
    private final PortalDeliveries deliveries;

    public HeldVersions(FeedRegistry registry, Catalog catalog, GateRepository gate, PortalDeliveries deliveries) {
        this.registry = registry;
        this.catalog = catalog;
        this.gate = gate;
        this.deliveries = deliveries;
    }

    public List<HeldVersion> waiting(String identifier) {
        return gate.waiting(identifier);
    }

    /**
     * Publishes the held version under the feed's current passport.
     *
     * @throws HeldDecisionRefused when there is no such held version, it is decided already, or its feed is not loaded
     */
    public CommitResult approve(long heldId, String operator) throws IOException {
        HeldVersion held = catalog.waiting(heldId);
        FeedDefinition feed = registry.feed(held.identifier()).orElseThrow(() ->
                new HeldDecisionRefused(HeldDecisionRefused.Reason.FEED_NOT_LOADED, heldId, held));
        NewVersion described = new NewVersion(feed.passport(), feed.frequency(), feed.structure(), held.fingerprint(),
                held.rowCount(), held.formats(), held.provenance(), held.rowsAdded(), held.rowsChanged(), held.rowsRemoved());
        CommitResult result = catalog.approve(heldId, described, operator);
        LOG.info("Held version {} of {} approved by {}: published as {}", heldId, held.identifier(), operator, result.dataVersion());
        deliveries.request(feed, result.dataVersion());
        return result;
    }

    /** @throws HeldDecisionRefused when there is no such held version or it is decided already */
    public void discard(long heldId, String operator) throws IOException {
        catalog.discard(heldId, operator);
        LOG.info("Held version {} discarded by {}", heldId, operator);
    }
}
