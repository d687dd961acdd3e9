package ru.gov.tomsk.opendata.programme.mandates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import ru.gov.tomsk.opendata.catalog.Catalog;
import ru.gov.tomsk.opendata.catalog.DataVersion;
import ru.gov.tomsk.opendata.catalog.web.PassportMap;
import ru.gov.tomsk.opendata.catalog.web.PassportMapProperties;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.ops.FeedStatus;
import ru.gov.tomsk.opendata.ops.FeedStatuses;

/**
 * Computes the {@link Coverage} of the catalogue from the feeds as they are now: which feed files declare each item
 * ({@code mandates:}), whether those datasets are published and within their deadlines (the feeds' own deadline
 * states, {@link FeedStatuses}), and for coordinate items whether the published data really carries coordinates.
 * It holds no state but a cache of that last answer per published version, which never changes once committed.
 */
@Service
public class MandateCoverage {

    private static final Logger LOG = LoggerFactory.getLogger(MandateCoverage.class);
    /** One point is enough to know a file has coordinates; the count of located records comes with it. */
    private static final PassportMapProperties ONE_POINT = new PassportMapProperties("", "", 1);

    private final MandateCatalogue catalogue;
    private final FeedRegistry registry;
    private final FeedStatuses statuses;
    private final Catalog catalog;
    /** By {@code <identifier>/<version>}: whether that published version's GeoJSON has located records. */
    private final Map<String, Boolean> located = new ConcurrentHashMap<>();

    public MandateCoverage(MandateCatalogue catalogue, FeedRegistry registry, FeedStatuses statuses, Catalog catalog) {
        this.catalogue = catalogue;
        this.registry = registry;
        this.statuses = statuses;
        this.catalog = catalog;
    }

    public Coverage now() {
        MandateCatalogue.Snapshot snapshot = catalogue.snapshot();
        Map<String, Coverage.CoveringFeed> feeds = new ConcurrentHashMap<>();
        List<Coverage.ListCoverage> lists = new ArrayList<>();
        for (MandateList list : snapshot.lists()) {
            List<Coverage.ItemCoverage> items = new ArrayList<>();
            for (MandateItem item : list.items()) {
                FeedDefinition.Mandate mandate = new FeedDefinition.Mandate(list.id(), item.number());
                List<Coverage.CoveringFeed> covering = registry.feeds().stream()
                        .filter(f -> f.mandates().contains(mandate))
                        .map(f -> feeds.computeIfAbsent(f.identifier(), id -> covering(f)))
                        .toList();
                CoverageState state = covering.stream().map(Coverage.CoveringFeed::state)
                        .reduce(CoverageState.NOT_COVERED, CoverageState::best);
                Boolean coordinates = item.coordinates()
                        ? covering.stream().anyMatch(f -> f.published() && f.coordinates()) : null;
                items.add(new Coverage.ItemCoverage(list, item, state, covering, coordinates));
            }
            lists.add(new Coverage.ListCoverage(list, items));
        }
        return new Coverage(lists, snapshot.broken());
    }

    private Coverage.CoveringFeed covering(FeedDefinition feed) {
        String id = feed.identifier();
        Optional<FeedStatus> status = statuses.of(id);
        Optional<DataVersion> newest = catalog.latest(id);
        CoverageState state = CoverageState.NOT_COVERED;
        if (newest.isPresent() && status.isPresent()) {
            state = status.get().overdue() ? CoverageState.OVERDUE
                    : status.get().atRisk() ? CoverageState.AT_RISK : CoverageState.CURRENT;
        }
        boolean coordinates = feed.geo() && newest.map(this::hasCoordinates).orElse(false);
        return new Coverage.CoveringFeed(id, feed.passport().title(), newest.isPresent(), state,
                status.map(FeedStatus::deadline).orElse(null), feed.geo(), coordinates, feed.reference());
    }

    private boolean hasCoordinates(DataVersion version) {
        String key = version.identifier() + "/" + version.version();
        Boolean known = located.get(key);
        if (known != null) {
            return known;
        }
        Path geojson = catalog.datasetDir(version.identifier()).resolve(version.fileStem() + ".geojson");
        if (!version.formats().contains("geojson") || !Files.isRegularFile(geojson)) {
            located.put(key, false);
            return false;
        }
        try {
            boolean any = PassportMap.read(geojson, ONE_POINT).located() > 0;
            located.put(key, any);
            return any;
        } catch (IOException | RuntimeException e) {
            // not remembered: a file being replaced or a passing I/O error is read again next time
            LOG.warn("Cannot read {} to see whether it has coordinates: {}", geojson, e.getMessage());
            return false;
        }
    }
}
