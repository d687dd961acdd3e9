package ru.gov.tomsk.opendata.ops.api;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.feed.FeedParser;
import ru.gov.tomsk.opendata.feed.FeedRegistry;

/** Turns a feed identifier from a request into a known feed, or into a 400 (malformed) or a 404 (unknown). */
@Component
class FeedLookup {

    private final FeedRegistry registry;

    FeedLookup(FeedRegistry registry) {
        this.registry = registry;
    }

    /** The identifier of a feed the service has a file of, loaded or broken. */
    String known(String id) {
        // a broken file is known by its file name, which need not be a well-formed identifier
        if (registry.feed(id).isPresent() || registry.broken().containsKey(id)) {
            return id;
        }
        wellFormed("id", id);
        throw ApiProblem.notFound("no feed '" + id + "' is registered (no file " + id + ".yaml among the feed files)");
    }

    /** A well-formed identifier, known or not (e.g. a filter for the history of a removed feed). */
    static String wellFormed(String parameter, String id) {
        if (id == null || !FeedParser.IDENTIFIER.matcher(id).matches()) {
            throw ApiProblem.badRequest("parameter '" + parameter + "' must be a feed identifier <10-digit INN>-<code> "
                    + "(code: 1 to 64 Latin letters, digits or _), e.g. 7017069388-schools; got '" + clip(id) + "'");
        }
        return id;
    }

    /** Echoes what a caller sent without letting a huge value flood the answer or the log. */
    static String clip(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
