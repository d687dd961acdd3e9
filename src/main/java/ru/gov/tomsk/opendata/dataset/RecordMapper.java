package ru.gov.tomsk.opendata.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps one source record (column → raw value) to the canonical values of the structure's fields.
 * Column names are matched case-insensitively because databases disagree on identifier case
 * (H2 upper-cases, PostgreSQL lower-cases).
 */
public final class RecordMapper {

    private final Structure structure;
    private final ValueConverter converter;
    private final Expression[] expressions;
    private String[] columnForField;
    private String[][] columnsForExpression;
    private List<String> unknownColumns = List.of();

    public RecordMapper(Structure structure, ValueConverter converter) {
        this.structure = structure;
        this.converter = converter;
        this.expressions = structure.fields().stream()
                .map(f -> f.expression() == null ? null : new Expression(f.expression())).toArray(Expression[]::new);
    }

    /**
     * @return one canonical value (or {@code null}) per structure field, in field order
     * @throws RejectedValueException if a value cannot become its field's type, or a required value is empty
     * @throws MissingSourceColumnException if the source lacks a column the structure needs (fails the run)
     */
    public String[] map(Map<String, ?> row) {
        if (columnForField == null) {
            resolveColumns(row.keySet());
        }
        List<Field> fields = structure.fields();
        String[] values = new String[fields.size()];
        for (int i = 0; i < values.length; i++) {
            Field field = fields.get(i);
            Object raw = expressions[i] == null ? row.get(columnForField[i]) : evaluate(i, row);
            String value = converter.convert(field, raw);
            if (value == null && field.required()) {
                throw new RejectedValueException(field.name(), null, "required value is empty");
            }
            values[i] = value;
        }
        return values;
    }

    private String evaluate(int field, Map<String, ?> row) {
        String[] columns = columnsForExpression[field];
        Object[] values = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            // as a string field would show it: a date-time column reads as ISO 8601 in the region's zone
            values[c] = converter.text(row.get(columns[c]));
        }
        return expressions[field].evaluate(values);
    }

    /** Source columns that no structure field reads; known after the first record. */
    public List<String> unknownColumns() {
        return unknownColumns;
    }

    private void resolveColumns(Set<String> columns) {
        Map<String, String> byLowerCase = new HashMap<>();
        for (String column : columns) {
            byLowerCase.put(column.toLowerCase(Locale.ROOT), column);
        }
        List<Field> fields = structure.fields();
        String[] resolved = new String[fields.size()];
        String[][] expressionColumns = new String[fields.size()][];
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < resolved.length; i++) {
            Field field = fields.get(i);
            List<String> wanted = expressions[i] == null ? List.of(field.source()) : expressions[i].columns();
            String[] found = new String[wanted.size()];
            for (int c = 0; c < found.length; c++) {
                found[c] = byLowerCase.get(wanted.get(c).toLowerCase(Locale.ROOT));
                if (found[c] == null) {
                    throw new MissingSourceColumnException(field, wanted.get(c), columns);
                }
                used.add(found[c]);
            }
            if (expressions[i] == null) {
                resolved[i] = found[0];
            } else {
                expressionColumns[i] = found;
            }
        }
        this.columnsForExpression = expressionColumns;
        List<String> unknown = new ArrayList<>();
        for (String column : columns) {
            if (!used.contains(column)) {
                unknown.add(column);
            }
        }
        this.unknownColumns = List.copyOf(unknown);
        this.columnForField = resolved;
    }

    /** The source lacks a column that a structure field reads: the feed and the source disagree. */
    public static final class MissingSourceColumnException extends IllegalStateException {
        public MissingSourceColumnException(Field field, String column, Set<String> columns) {
            super("the source has no column '" + column + "' for field '" + field.name()
                    + "'; the source's columns are " + columns);
        }
    }
}
