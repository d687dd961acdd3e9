package ru.gov.tomsk.opendata.format;

import java.util.List;

/** {@code list.csv}: the standard version row, then one row per dataset pointing at its passport (§4). */
public final class RegistryCsv {

    private RegistryCsv() {
    }

    public static byte[] render(String standardVersion, List<RegistryEntry> entries) {
        return Csv.render(csv -> {
            csv.row("property", "title", "value", "format");
            csv.row("standardversion", "Версия методических рекомендаций", standardVersion, null);
            for (RegistryEntry entry : entries) {
                csv.row(entry.identifier(), entry.title(), entry.metaUrl(), "csv");
            }
        });
    }
}
