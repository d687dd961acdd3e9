package ru.gov.tomsk.opendata.programme.mandates;

import java.util.Locale;

/**
 * Where a mandated item stands. Declared from best to worst: an item covered by several datasets takes the best of
 * theirs (one current dataset fulfils the item).
 */
public enum CoverageState {
    /** a covering dataset is published and within its {@code valid} deadline */
    CURRENT("актуален"),
    /** a covering dataset is published, but its deadline is near and the data is not updated yet */
    AT_RISK("под угрозой срыва срока"),
    /** every published covering dataset is past its deadline */
    OVERDUE("просрочен"),
    /** no dataset declares the item, or none that does has published yet */
    NOT_COVERED("не опубликован");

    private final String russian;

    CoverageState(String russian) {
        this.russian = russian;
    }

    /** The word the pages and the published dataset show. */
    public String russian() {
        return russian;
    }

    /** The value of the metric's {@code state} label: {@code current}, {@code at_risk}… */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The better of the two. */
    CoverageState best(CoverageState other) {
        return other != null && other.ordinal() < ordinal() ? other : this;
    }
}
