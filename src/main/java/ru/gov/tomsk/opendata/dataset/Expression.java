package ru.gov.tomsk.opendata.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field's value built from source columns: text with {@code {column}} placeholders, e.g.
 * {@code "{postcode}, {city}, {street}"}. Deliberately tiny — concatenation and constants cover what
 * departments ask for, and anything more belongs in the source view.
 */
public final class Expression {

    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    private final List<String> literals = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();

    public Expression(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            literals.add(text.substring(at, m.start()));
            columns.add(m.group(1).strip());
            at = m.end();
        }
        literals.add(text.substring(at));
    }

    /** The source columns it reads, in order of appearance. */
    public List<String> columns() {
        return columns;
    }

    public boolean isConstant() {
        return columns.isEmpty();
    }

    /**
     * The text with each placeholder replaced by its column's value ({@code values[i]} for
     * {@code columns().get(i)}); an absent value reads as empty. {@code null} when every column was absent,
     * so that a required field built only from empty columns is still recognised as empty.
     */
    public String evaluate(Object[] values) {
        if (isConstant()) {
            return literals.get(0);
        }
        StringBuilder out = new StringBuilder(literals.get(0));
        boolean any = false;
        for (int i = 0; i < columns.size(); i++) {
            Object value = values[i];
            if (value != null && !value.toString().isBlank()) {
                any = true;
                out.append(value);
            }
            out.append(literals.get(i + 1));
        }
        return any ? out.toString() : null;
    }
}
