package ru.gov.tomsk.opendata.feed;

/**
 * One option of a source kind, as a department writes it under {@code source:} in a feed file.
 * Options become parameters of the kind's route template, so they describe themselves the way
 * Kamelet properties do.
 *
 * @param secret a credential: its value comes from a {@code ${ENV}} placeholder and is never shown in
 *               messages or logs
 */
public record SourceOption(String name, String title, String description, boolean required, String defaultValue,
                           boolean secret) {

    public static SourceOption required(String name, String title, String description) {
        return new SourceOption(name, title, description, true, null, false);
    }

    public static SourceOption optional(String name, String title, String description, String defaultValue) {
        return new SourceOption(name, title, description, false, defaultValue, false);
    }

    public SourceOption asSecret() {
        return new SourceOption(name, title, description, required, defaultValue, true);
    }
}
