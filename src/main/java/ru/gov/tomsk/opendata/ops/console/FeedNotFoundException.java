package ru.gov.tomsk.opendata.ops.console;

/** A console page asked about a feed the service has no file of; answered with the Russian 404 page. */
class FeedNotFoundException extends RuntimeException {

    private final String feedId;

    FeedNotFoundException(String feedId) {
        super("no feed '" + feedId + "'");
        this.feedId = feedId;
    }

    String feedId() {
        return feedId;
    }
}
