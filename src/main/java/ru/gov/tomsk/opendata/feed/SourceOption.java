package ru.gov.tomsk.opendata.feed;

import java.util.List;

/**
 * One option of a source kind, as a department writes it under {@code source:} in a feed file: a property of the
 * kind's Kamelet ({@code spec.definition.properties}), read by {@link SourceKinds}.
 *
 * @param type         the JSON-schema type the value must have: string, integer, number or boolean
 * @param defaultValue the Kamelet's default, {@code null} when it has none
 * @param allowed      the Kamelet's {@code enum}: the only values allowed; empty when any value is
 * @param secret       a credential ({@code format: password}): its value comes from a {@code ${ENV}} placeholder
 *                     and is never shown in messages or logs
 */
public record SourceOption(String name, String title, String description, boolean required, String defaultValue,
                           boolean secret, String type, List<String> allowed) {

    public SourceOption {
        allowed = List.copyOf(allowed);
        type = type == null ? "string" : type;
    }
}
