package ru.gov.tomsk.opendata.format;

import java.util.List;

/** {@code list.xml}: the standard version, then one item per dataset pointing at its passport (§4). */
public final class RegistryXml {

    private RegistryXml() {
    }

    public static byte[] render(String standardVersion, List<RegistryEntry> entries) {
        return XmlWriter.render(xml -> {
            xml.start("list");
            xml.element("standardversion", standardVersion);
            if (entries.isEmpty()) {
                xml.element("meta", null);
            } else {
                xml.start("meta");
                for (RegistryEntry entry : entries) {
                    xml.start("item");
                    xml.element("identifier", entry.identifier());
                    xml.element("title", entry.title());
                    xml.element("link", entry.metaUrl());
                    // the link points at meta.csv, the passport's primary format, as in list.csv
                    xml.element("format", "csv");
                    xml.end("item");
                }
                xml.end("meta");
            }
            xml.end("list");
        });
    }
}
