package ru.gov.tomsk.opendata.source.payload;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of payload a file-drop or HTTP source can deliver; {@link #word()} is how a feed names it. */
public enum PayloadFormat {
    CSV, JSON, XML, XLSX;

    /** The feed YAML's word for the format: {@code csv}, {@code json}, {@code xml}, {@code xlsx}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PayloadFormat> fromWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String wanted = word.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.word().equals(wanted)).findFirst();
    }

    /** "csv, json, xml, xlsx", for messages that list what is accepted. */
    static String words() {
        return Arrays.stream(values()).map(PayloadFormat::word).collect(Collectors.joining(", "));
    }
}
