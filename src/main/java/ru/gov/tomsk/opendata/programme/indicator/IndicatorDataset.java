package ru.gov.tomsk.opendata.programme.indicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.source.section.SectionDataset;

/**
 * The indicator as the section's own dataset ({@code source: {kind: section, dataset: indicator}}, shipped as
 * config/feeds/7017000420-indicator.yaml): one row per quarter, the target on the fourth quarter's row.
 */
@Component
public class IndicatorDataset implements SectionDataset {

    private final PublishedIndicator indicator;

    public IndicatorDataset(PublishedIndicator indicator) {
        this.indicator = indicator;
    }

    @Override
    public String name() {
        return "indicator";
    }

    @Override
    public List<Map<String, Object>> rows() {
        return indicator.now().quarters().stream().map(IndicatorDataset::row).toList();
    }

    private static Map<String, Object> row(QuarterCount q) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("year", q.year());
        row.put("quarter", q.quarter());
        row.put("published", q.published());
        row.put("cumulative", q.cumulative());
        row.put("target", q.target());
        return row;
    }
}
