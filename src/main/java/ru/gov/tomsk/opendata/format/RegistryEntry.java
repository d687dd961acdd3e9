package ru.gov.tomsk.opendata.format;

/** One dataset in the registry: identifier, title and the absolute URL of its passport. */
public record RegistryEntry(String identifier, String title, String metaUrl) {
}
