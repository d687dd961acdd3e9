package ru.gov.tomsk.opendata.format;

import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.Structure;

/** {@code structure-<ver>.csv}: one row per data column, in column order (standard §6). */
public final class StructureCsv {

    private StructureCsv() {
    }

    public static byte[] render(Structure structure) {
        return Csv.render(csv -> {
            csv.row("field name", "english description", "russian description", "format");
            for (Field field : structure.fields()) {
                csv.row(field.name(), field.en(), field.ru(), field.type().word());
            }
        });
    }
}
