package ru.gov.tomsk.opendata.dataset;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The value types of the standard's structure file (the {@code format} column of {@code structure-*.csv}).
 * {@code number} is an exact decimal ({@code xs:decimal}); {@code double} is an IEEE 754 binary64 value
 * ({@code xs:double}), for sources whose values are floating point and may lie far from 1 (1E300, 4.9E-324),
 * which no exact decimal type of the XML validators holds.
 */
public enum FieldType {
    STRING("строка"), INTEGER("целое"), NUMBER("число"), DOUBLE("дробное"), BOOLEAN("логическое"), DATE("дата"),
    DATETIME("дата и время");

    private final String russian;

    FieldType(String russian) {
        this.russian = russian;
    }

    /** The word used in feed YAML and in structure files. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The word a department may write instead of the English one: {@code type: дата}. */
    public String russianWord() {
        return russian;
    }

    /** The type a feed file names, by its English word or its Russian one. */
    public static Optional<FieldType> fromWord(String word) {
        return Arrays.stream(values()).filter(t -> t.word().equals(word) || t.russian.equals(word)).findFirst();
    }

    /** Every type, each with its Russian word: "string (строка), integer (целое), …". */
    public static String words() {
        return Arrays.stream(values()).map(t -> t.word() + " (" + t.russian + ")").collect(Collectors.joining(", "));
    }
}
