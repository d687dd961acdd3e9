package ru.gov.tomsk.opendata.dataset;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The value types of the standard's structure file (the {@code format} column of {@code structure-*.csv}). */
public enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN, DATE, DATETIME;

    /** The word used in feed YAML and in structure files. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> fromWord(String word) {
        return Arrays.stream(values()).filter(t -> t.word().equals(word)).findFirst();
    }

    public static String words() {
        return Arrays.stream(values()).map(FieldType::word).collect(Collectors.joining(", "));
    }
}
