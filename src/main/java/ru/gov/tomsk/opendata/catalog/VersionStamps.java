package ru.gov.tomsk.opendata.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Version names are ISO 8601 basic stamps ({@code YYYYMMDDTHHMM}) in the region's zone (standard §6).
 * They only have minute precision, so a second version within the same minute takes the next free
 * minute: names stay unique and sort in publication order, and no published file is ever overwritten.
 */
final class VersionStamps {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm");

    private VersionStamps() {
    }

    static String next(Instant now, ZoneId zone, String latest) {
        LocalDateTime candidate = LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.MINUTES);
        if (latest != null) {
            LocalDateTime previous = LocalDateTime.parse(latest, FORMAT);
            if (!candidate.isAfter(previous)) {
                candidate = previous.plusMinutes(1);
            }
        }
        return FORMAT.format(candidate);
    }

    static LocalDate dateOf(String stamp) {
        return LocalDateTime.parse(stamp, FORMAT).toLocalDate();
    }
}
