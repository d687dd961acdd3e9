package ru.gov.tomsk.opendata.publish;

import java.util.Map;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.catalog.Catalog;

/**
 * The registry ({@code list.*}) a mirroring target receives: exactly the datasets that publish to that target, of
 * those whose passport it holds, whatever the other feeds do. A local-only dataset ({@code publish: []}) or one that
 * goes to other portals never appears in it; the dataset being delivered always does, so its first delivery
 * completes its row. A dataset no loaded feed defines (a removed feed, a feed file that has not loaded) keeps the
 * row it has: listed while the target holds its passport, as the local registry keeps listing it too.
 */
@Component
class TargetRegistry {

    private final Catalog catalog;
    private final PublishLists lists;

    TargetRegistry(Catalog catalog, PublishLists lists) {
        this.catalog = catalog;
        this.lists = lists;
    }

    /**
     * {@code list.*} by file name ({@code list.csv} last) for {@code target}, which is receiving {@code delivered}.
     *
     * @param holdsPassport whether the target holds a dataset's {@code meta.csv}; asked only of the datasets that
     *                      publish to the target (it may be a round trip to a server)
     */
    Map<String, byte[]> render(String target, String delivered, Predicate<String> holdsPassport) {
        return catalog.registry(identifier -> identifier.equals(delivered)
                || publishesTo(identifier, target) && holdsPassport.test(identifier));
    }

    private boolean publishesTo(String identifier, String target) {
        return lists.targetsOf(identifier).map(targets -> targets.contains(target)).orElse(true);
    }
}
