package ru.gov.tomsk.opendata.feed;

import java.util.Map;

/**
 * A source kind's own check of its options, run when a feed file is loaded so that a mistake is
 * reported with the file and line instead of at the first run. Implementations live with the source
 * kinds ({@code source} package); their messages name the option as {@code option 'name': …}.
 */
@FunctionalInterface
public interface SourceCheck {

    /**
     * @param options the feed's options over the kind's defaults
     * @throws IllegalArgumentException saying what is wrong
     */
    void check(Map<String, String> options);
}
