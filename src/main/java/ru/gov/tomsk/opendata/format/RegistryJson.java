package ru.gov.tomsk.opendata.format;

import java.util.List;

/** {@code list.json}: the standard version, then one entry per dataset pointing at its passport (§4). */
public final class RegistryJson {

    private RegistryJson() {
    }

    public static byte[] render(String standardVersion, List<RegistryEntry> entries) {
        return Json.render(json -> {
            json.writeStartObject();
            json.writeStringField("standardversion", standardVersion);
            json.writeArrayFieldStart("meta");
            for (RegistryEntry entry : entries) {
                json.writeStartObject();
                json.writeStringField("identifier", entry.identifier());
                json.writeStringField("title", entry.title());
                json.writeStringField("link", entry.metaUrl());
                // the link points at meta.csv, the passport's primary format, as in list.csv
                json.writeStringField("format", "csv");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
