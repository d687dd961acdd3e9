package ru.gov.tomsk.opendata.dataset;

/**
 * One column of a dataset's structure.
 *
 * @param name    field name: the CSV header, the JSON key and the XML element name
 * @param source  the source column it is read from (defaults to {@code name})
 * @param en      English description for the structure file
 * @param ru      Russian description for the structure file
 * @param type    value type
 * @param required whether an empty value rejects the record
 * @param parse   optional pattern for parsing textual source values (e.g. {@code dd.MM.yyyy}, or
 *                {@code decimal-comma} for numbers written with a decimal comma)
 * @param constraints what values must satisfy beyond their type
 * @param expression when set, the value is not read from one column but built from this text, where
 *                {@code {column}} stands for a source column's value (no placeholder at all: a constant)
 * @param keepControlCharacters the text clean-up keeps the control characters XML 1.0 can carry (CR, U+0085…)
 *                instead of removing them; for string fields whose source data needs them
 */
public record Field(String name, String source, String en, String ru, FieldType type, boolean required, String parse,
                    Constraints constraints, String expression, boolean keepControlCharacters) {

    public Field {
        if (source == null || source.isBlank()) {
            source = name;
        }
        if (constraints == null) {
            constraints = Constraints.NONE;
        }
    }

    public Field(String name, String source, String en, String ru, FieldType type, boolean required, String parse,
                 Constraints constraints, String expression) {
        this(name, source, en, ru, type, required, parse, constraints, expression, false);
    }

    public Field(String name, String source, String en, String ru, FieldType type, boolean required, String parse) {
        this(name, source, en, ru, type, required, parse, Constraints.NONE, null);
    }

    public Field(String name, String source, String en, String ru, FieldType type, boolean required, String parse,
                 Constraints constraints) {
        this(name, source, en, ru, type, required, parse, constraints, null);
    }
}
