package ru.gov.tomsk.opendata.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a source's columns meet a structure's fields, matched as {@link RecordMapper} matches them (ignoring case):
 * the columns a field reads that the source lacks (a run fails on the first of them), and the source's columns no
 * field reads (left out of the publication).
 *
 * @param missing the fields whose column is missing, each with the column it reads
 * @param extra   the source's columns that no field reads, in the source's order
 */
public record ColumnMatch(List<Missing> missing, List<String> extra) {

    /** @param field the structure's field; {@code column} the source column it reads */
    public record Missing(String field, String column) {
    }

    public ColumnMatch {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
    }

    public boolean matches() {
        return missing.isEmpty() && extra.isEmpty();
    }

    public static ColumnMatch of(Structure structure, Collection<String> columns) {
        Set<String> present = new LinkedHashSet<>();
        columns.forEach(c -> present.add(c.toLowerCase(Locale.ROOT)));
        Set<String> read = new LinkedHashSet<>();
        List<Missing> missing = new ArrayList<>();
        for (Field field : structure.fields()) {
            List<String> wanted = field.expression() == null ? List.of(field.source())
                    : new Expression(field.expression()).columns();
            for (String column : wanted) {
                read.add(column.toLowerCase(Locale.ROOT));
                if (!present.contains(column.toLowerCase(Locale.ROOT))) {
                    missing.add(new Missing(field.name(), column));
                }
            }
        }
        List<String> extra = columns.stream().filter(c -> !read.contains(c.toLowerCase(Locale.ROOT))).toList();
        return new ColumnMatch(missing, extra);
    }
}
