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
    private String[] columnForField;
    private List<String> unknownColumns = List.of();

    public RecordMapper(Structure structure, ValueConverter converter) {
        this.structure = structure;
        this.converter = converter;
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
            String value = converter.convert(field, row.get(columnForField[i]));
            if (value == null && field.required()) {
                throw new RejectedValueException(field.name(), null, "required value is empty");
            }
            values[i] = value;
        }
        return values;
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
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < resolved.length; i++) {
            Field field = fields.get(i);
            String column = byLowerCase.get(field.source().toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new MissingSourceColumnException(field, columns);
            }
            resolved[i] = column;
            used.add(column);
        }
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
        public MissingSourceColumnException(Field field, Set<String> columns) {
            super("the source has no column '" + field.source() + "' for field '" + field.name()
                    + "'; the source's columns are " + columns);
        }
    }
}
