package ru.gov.tomsk.opendata.feed;

/**
 * One feed file that differs from what the registry holds, found by {@link FeedRegistry#scan()}. Nothing is
 * changed by finding it: whoever swaps the feed's route hands it back to {@link FeedRegistry#accept(FeedChange)}
 * once the change is in effect, so a change that must wait (a run in progress) is simply found again.
 *
 * @param previous the definition running now; null when the feed never had a valid one
 * @param current  the new definition (ADDED, CHANGED, RESTORED); null otherwise
 * @param problem  what is wrong with the file (BROKEN); null otherwise
 * @param hash     SHA-256 of the file's content the change was read from; null for REMOVED
 */
public record FeedChange(Kind kind, String feedId, FeedDefinition previous, FeedDefinition current,
                         InvalidFeedException problem, String hash) {

    public enum Kind {
        /** a new valid feed file, or a file that was broken since start-up and is valid now */
        ADDED,
        /** a valid edit of a feed that has a definition running */
        CHANGED,
        /** a broken file put back exactly as the definition that kept running: only the error goes */
        RESTORED,
        /** the file cannot be used; a previous definition, if any, keeps running */
        BROKEN,
        /** the file is gone */
        REMOVED
    }

    static FeedChange added(FeedDefinition feed, String hash) {
        return new FeedChange(Kind.ADDED, feed.identifier(), null, feed, null, hash);
    }

    static FeedChange changed(FeedDefinition previous, FeedDefinition feed, String hash) {
        return new FeedChange(Kind.CHANGED, feed.identifier(), previous, feed, null, hash);
    }

    static FeedChange restored(FeedDefinition previous, String hash) {
        return new FeedChange(Kind.RESTORED, previous.identifier(), previous, previous, null, hash);
    }

    public static FeedChange broken(String feedId, FeedDefinition previous, InvalidFeedException problem, String hash) {
        return new FeedChange(Kind.BROKEN, feedId, previous, null, problem, hash);
    }

    static FeedChange removed(String feedId, FeedDefinition previous) {
        return new FeedChange(Kind.REMOVED, feedId, previous, null, null, null);
    }

    /** This change refused after all (its route could not be created): the previous definition stays. */
    public FeedChange rejected(InvalidFeedException why) {
        return broken(feedId, previous, why, hash);
    }
}
