package ru.gov.tomsk.opendata.source.drop;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when the service has seen each waiting file exactly as it is now, on the service's own monotonic clock
 * ({@link System#nanoTime()}), kept across runs in memory: a file that was already seen unchanged for the minimum age
 * at an earlier run is read at once, and one seen for part of it needs only the rest. After a restart every file is
 * watched afresh, which only costs a wait.
 */
final class DropSightings {

    /** Longer than the longest schedule worth remembering for (weekly); a file unseen for that long starts over. */
    private static final long FORGET_AFTER = Duration.ofDays(8).toNanos();

    /** A file's state and since when it has been seen so, and when it was last looked at. */
    record Sighting(DropState state, long since, long lastSeen) {
    }

    private final Map<String, Sighting> sightings = new ConcurrentHashMap<>();

    /** Records a look at {@code key} at {@code now}; returns since when it has been seen in {@code state}. */
    Sighting see(String key, DropState state, long now) {
        sightings.values().removeIf(sighting -> now - sighting.lastSeen() > FORGET_AFTER);
        return sightings.compute(key, (k, before) -> before != null && before.state().equals(state)
                ? new Sighting(state, before.since(), now)
                : new Sighting(state, now, now));
    }

    /** The file was read, moved, or changed while it was read: the next time it appears it is watched afresh. */
    void forget(String key) {
        sightings.remove(key);
    }
}
