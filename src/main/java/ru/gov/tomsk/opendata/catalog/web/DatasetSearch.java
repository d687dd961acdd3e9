package ru.gov.tomsk.opendata.catalog.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import ru.gov.tomsk.opendata.dataset.Passport;

/**
 * Search of the section page: a dataset matches when every word of the query occurs in its title,
 * description or keywords. Words match as substrings, so "школ" finds "школы" and "школьный" — the cheapest
 * honest answer to Russian inflection without a stemmer. Case and ё/е do not matter.
 *
 * <p>A regional registry holds hundreds of datasets, not millions, so matching in memory over the passports
 * already read for the registry table is simpler and faster than a query per search.
 */
final class DatasetSearch {

    // letters and digits of any script; everything else (punctuation, «», dashes) separates words
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    /** Longer queries are cut: nobody types more, and it bounds the work a single request can cause. */
    static final int MAX_QUERY = 200;

    private final List<String> words;

    private DatasetSearch(List<String> words) {
        this.words = words;
    }

    /** The search for a query as typed; blank or punctuation-only queries have no words. */
    static DatasetSearch of(String query) {
        if (query == null) {
            return new DatasetSearch(List.of());
        }
        String cut = query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) : query;
        return new DatasetSearch(Arrays.stream(SEPARATORS.split(fold(cut))).filter(w -> !w.isEmpty()).distinct().toList());
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    boolean matches(Passport passport) {
        String text = fold(String.join(" ", passport.title() == null ? "" : passport.title(),
                passport.description() == null ? "" : passport.description(), String.join(" ", passport.subject())));
        return words.stream().allMatch(text::contains);
    }

    /** Lower case and ё → е: Russian texts use both spellings of the same word. */
    static String fold(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }
}
