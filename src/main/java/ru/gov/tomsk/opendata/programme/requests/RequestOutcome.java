package ru.gov.tomsk.opendata.programme.requests;

/** The answer to a request: the data is published (a dataset), planned (by a date), or refused (with the reason). */
public enum RequestOutcome {
    PUBLISHED("опубликовано"),
    PLANNED("запланировано"),
    REFUSED("отказано");

    private final String russian;

    RequestOutcome(String russian) {
        this.russian = russian;
    }

    /** As the public page and the dataset say it. */
    public String russian() {
        return russian;
    }
}
