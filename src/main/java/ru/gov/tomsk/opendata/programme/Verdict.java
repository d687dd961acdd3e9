package ru.gov.tomsk.opendata.programme;

/** How an obligation of the plan stands, declared from best to worst. */
public enum Verdict {
    MET("выполняется"),
    NO_DATA("нет данных"),
    AT_RISK("под угрозой"),
    NOT_MET("не выполняется");

    private final String russian;

    Verdict(String russian) {
        this.russian = russian;
    }

    public String russian() {
        return russian;
    }

    /** Lower case, for CSS classes, metrics and JSON. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The worse of the two. */
    public Verdict worst(Verdict other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
