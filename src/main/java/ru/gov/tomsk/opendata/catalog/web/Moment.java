package ru.gov.tomsk.opendata.catalog.web;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A date or time as a page shows it: Russian notation for people, ISO 8601 for the {@code datetime}
 * attribute that machines (and RDFa processors) read.
 */
public record Moment(String iso, String text) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    static Moment of(LocalDate date) {
        return date == null ? null : new Moment(date.toString(), DATE.format(date));
    }

    static Moment of(ZonedDateTime time) {
        return time == null ? null
                : new Moment(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.withNano(0)), DATE_TIME.format(time));
    }
}
