package ru.gov.tomsk.opendata.programme.mandates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.source.section.SectionDataset;

/**
 * The coverage of the mandated lists as a dataset of the section itself ({@code source: {kind: section, dataset:
 * mandate-coverage}}, shipped as {@code config/feeds/7017000420-mandates.yaml}): one row per item, so every figure of
 * the «Обязательные перечни» page is also open data. Field names are those of that feed file (docs/mandates.md).
 */
@Component
class MandateCoverageDataset implements SectionDataset {

    static final String NAME = "mandate-coverage";

    private final MandateCoverage coverage;

    MandateCoverageDataset(MandateCoverage coverage) {
        this.coverage = coverage;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Coverage.ListCoverage list : coverage.now().lists()) {
            for (Coverage.ItemCoverage i : list.items()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("list", list.list().id());
                row.put("item", i.item().number());
                row.put("wording", i.item().wording());
                row.put("coordinates_required", i.item().coordinates());
                row.put("frequency", i.item().frequency().russianWord());
                row.put("state", i.state().russian());
                row.put("feeds", i.feeds().stream().map(Coverage.CoveringFeed::identifier)
                        .collect(Collectors.joining(" ")));
                // empty, not false, where the act asks for no coordinates: «not published» would be a false alarm
                row.put("coordinates_published", i.coordinates());
                // the project's demonstration wording must not pass for the acts' text once it is open data either
                row.put("demo", list.list().demo());
                rows.add(row);
            }
        }
        return rows;
    }
}
