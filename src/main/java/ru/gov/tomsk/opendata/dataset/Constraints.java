package ru.gov.tomsk.opendata.dataset;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a field's values must satisfy beyond their type. Every part is optional.
 *
 * @param pattern   the whole value must match this regular expression
 * @param allowed   the value must be one of these (after normalisation)
 * @param min       smallest allowed value: a number for integer/number fields, an ISO date or datetime otherwise
 * @param max       largest allowed value, like {@code min}
 * @param maxLength longest allowed text, in characters (code points)
 */
public record Constraints(Pattern pattern, List<String> allowed, String min, String max, Integer maxLength) {

    public static final Constraints NONE = new Constraints(null, List.of(), null, null, null);

    public Constraints {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }
}
