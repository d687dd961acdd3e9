package ru.gov.tomsk.opendata.programme.requests;

/** Where a request for a new dataset stands: registered, routed to a department, answered. */
public enum RequestState {
    REGISTERED("зарегистрирован"),
    ASSIGNED("передан в ведомство"),
    ANSWERED("дан ответ");

    private final String russian;

    RequestState(String russian) {
        this.russian = russian;
    }

    /** As the public page and the dataset say it. */
    public String russian() {
        return russian;
    }
}
