package ru.gov.tomsk.opendata.source.http;

import java.net.URI;

/**
 * One request for one page.
 *
 * @param number 1 for the first page of the run, counting every page fetched
 * @param body   JSON sent with POST, {@code null} with GET
 */
record PageRequest(int number, String method, URI uri, String body) {
}
