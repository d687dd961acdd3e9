package ru.gov.tomsk.opendata.programme.mandates;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The coverage of the mandated lists at one moment: what the console, the public page, the admin API, the published
 * dataset, the metrics and the departments' reports all show, so they always agree.
 *
 * @param lists  every valid list of the catalogue, with its items' coverage
 * @param broken catalogue files that could not be read; their lists are not in {@link #lists()}
 */
public record Coverage(List<ListCoverage> lists, List<BrokenCatalogueFile> broken) {

    public Coverage {
        lists = List.copyOf(lists);
        broken = List.copyOf(broken);
    }

    /** Items in each state over all lists; every state is there, zero included. */
    public Map<CoverageState, Integer> counts() {
        return count(lists.stream().flatMap(l -> l.items().stream()).toList());
    }

    public boolean demo() {
        return lists.stream().anyMatch(l -> l.list().demo());
    }

    static Map<CoverageState, Integer> count(List<ItemCoverage> items) {
        Map<CoverageState, Integer> counts = new EnumMap<>(CoverageState.class);
        for (CoverageState s : CoverageState.values()) {
            counts.put(s, 0);
        }
        items.forEach(i -> counts.merge(i.state(), 1, Integer::sum));
        return counts;
    }

    /** One list and its items. */
    public record ListCoverage(MandateList list, List<ItemCoverage> items) {

        public ListCoverage {
            items = List.copyOf(items);
        }

        public Map<CoverageState, Integer> counts() {
            return count(items);
        }
    }

    /**
     * One item.
     *
     * @param feeds       the datasets whose feed files declare the item, by identifier
     * @param coordinates for an item that must carry coordinates: whether a covering dataset really publishes them
     *                    (its feed has {@code geo} and its newest published data has located records); null for an
     *                    item without that requirement
     */
    public record ItemCoverage(MandateList list, MandateItem item, CoverageState state, List<CoveringFeed> feeds,
                               Boolean coordinates) {

        public ItemCoverage {
            feeds = List.copyOf(feeds);
        }

        /** {@code 1187-р/5}: how feeds name it. */
        public String reference() {
            return list.id() + "/" + item.number();
        }
    }

    /**
     * A dataset that declares an item.
     *
     * @param published   whether it has a published version
     * @param state       its own state: NOT_COVERED while unpublished
     * @param deadline    when its next update is due; null for a feed whose file is broken
     * @param geo         whether its feed names coordinate fields ({@code geo})
     * @param coordinates whether its newest published data has records with coordinates
     * @param reference   whether its feed marks it a reference book or classifier
     */
    public record CoveringFeed(String identifier, String title, boolean published, CoverageState state,
                               LocalDate deadline, boolean geo, boolean coordinates, boolean reference) {

        /** ИНН of its department: the first part of the identifier. */
        public String department() {
            return identifier.substring(0, identifier.indexOf('-'));
        }
    }
}
