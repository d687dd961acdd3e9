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
    private final TextCleanup cleanup;
    private final int[] keyPositions;
    private String[] columnForField;
    private String[][] columnsForExpression;
    private List<String> unknownColumns = List.of();

    public RecordMapper(Structure structure, ValueConverter converter) {
        this(structure, converter, new TextCleanup(structure.fieldNames(), 0));
    }

    /** @param cleanup counts, per field, the values the text clean-up changes */
    public RecordMapper(Structure structure, ValueConverter converter, TextCleanup cleanup) {
        this.structure = structure;
        this.converter = converter;
        this.cleanup = cleanup;
        this.expressions = structure.fields().stream()
                .map(f -> f.expression() == null ? null : new Expression(f.expression())).toArray(Expression[]::new);
        this.keyPositions = structure.key().stream().mapToInt(structure::indexOf).filter(i -> i >= 0).toArray();
    }

    /**
     * @return one canonical value (or {@code null}) per structure field, in field order
     * @throws RejectedRecordException if a value cannot become its field's type, or a required value is empty
     * @throws MissingSourceColumnException if the source lacks a column the structure needs (fails the run)
     */
    public String[] map(Map<String, ?> row) {
        if (columnForField == null) {
            resolveColumns(row.keySet());
        }
        String[] values = new String[expressions.length];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = value(i, row);
            } catch (RejectedValueException e) {
                throw new RejectedRecordException(e, withKey(row, values, i));
            }
        }
        return values;
    }

    private String value(int i, Map<String, ?> row) {
        Field field = structure.fields().get(i);
        Object raw = expressions[i] == null ? row.get(columnForField[i]) : evaluate(i, row);
        String value = converter.convert(field, raw, cleanup.field(i));
        if (value == null && field.required()) {
            throw new RejectedValueException(field.name(), null, "required value is empty",
                    "обязательное значение не заполнено");
        }
        return value;
    }

    /**
     * The values converted before field {@code failed}, completed with the key fields after it, so that the
     * quarantine can name the record; {@code null} when a key field itself cannot be converted. Only runs for a
     * rejected record.
     */
    private String[] withKey(Map<String, ?> row, String[] values, int failed) {
        for (int k : keyPositions) {
            if (k == failed) {
                return null;
            }
            if (k > failed) {
                try {
                    values[k] = value(k, row);
                } catch (RejectedValueException keyFailed) {
                    return null;
                }
            }
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

    /**
     * A record rejected because one of its values failed, with the values converted so far: every key field's
     * when they converted, so that its quarantine row carries the record's key.
     */
    public static final class RejectedRecordException extends RejectedValueException {

        private final transient String[] values;

        RejectedRecordException(RejectedValueException rejection, String[] values) {
            super(rejection);
            this.values = values;
        }

        /** The record's values with its key fields converted, or {@code null} when a key field failed. */
        public String[] values() {
            return values;
        }
    }

    /** The source lacks a column that a structure field reads: the feed and the source disagree. */
    public static final class MissingSourceColumnException extends IllegalStateException implements ExplainedFailure {
        private final String field;
        private final String column;

        public MissingSourceColumnException(Field field, String column, Set<String> columns) {
            super("the source has no column '" + column + "' for field '" + field.name()
                    + "'; the source's columns are " + columns);
            this.field = field.name();
            this.column = column;
        }

        @Override
        public String russian() {
            return "В источнике нет столбца «" + column + "», из которого берётся поле «" + field + "». Проверьте "
                    + "заголовок столбца в источнике (опечатки, лишние пробелы) или исправьте source этого поля в "
                    + "описании набора; столбцы источника перечислены в подробностях.";
        }
    }
}
