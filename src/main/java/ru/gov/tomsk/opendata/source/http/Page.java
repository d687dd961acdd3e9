package ru.gov.tomsk.opendata.source.http;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * A page as it arrived, held in memory (pages are bounded by {@link PageFetcher#MAX_PAGE_BYTES}) so that the
 * next link or cursor can be read from it and its records streamed from it without a second request.
 *
 * @param uri where it finally came from, after redirects; relative next links resolve against it
 */
record Page(PageRequest request, URI uri, int status, HttpHeaders headers, byte[] body) {
}
