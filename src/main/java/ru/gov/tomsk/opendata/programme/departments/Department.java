package ru.gov.tomsk.opendata.programme.departments;

/**
 * A department the service knows: configured under {@code opendata.programme.departments}, owning feeds, or with
 * requests routed to it.
 *
 * @param email its open-data contact; null if none is configured
 */
public record Department(String inn, String name, String email) {
}
