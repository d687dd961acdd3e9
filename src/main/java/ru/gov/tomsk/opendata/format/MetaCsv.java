package ru.gov.tomsk.opendata.format;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import ru.gov.tomsk.opendata.dataset.Passport;

/**
 * {@code meta.csv}. The row order is fixed by the standard (§5) and real consumers read rows by
 * position (row 15 is the newest data link), so never reorder or insert rows here.
 */
public final class MetaCsv {

    static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private MetaCsv() {
    }

    public static byte[] render(MetaDocument meta) {
        Passport p = meta.passport();
        return Csv.render(csv -> {
            csv.row("property", "value");
            csv.row("standardversion", meta.standardVersion());
            csv.row("identifier", p.identifier());
            csv.row("title", p.title());
            csv.row("description", p.description());
            csv.row("creator", p.creator());
            csv.row("created", date(meta.created()));
            csv.row("modified", date(meta.modified()));
            csv.row("subject", String.join(",", p.subject()));
            csv.row("format", meta.format());
            csv.row("provenance", meta.provenance());
            csv.row("valid", date(meta.valid()));
            csv.row("publishername", p.publisher().name());
            csv.row("publisherphone", p.publisher().phone());
            csv.row("publishermbox", p.publisher().mbox());
            for (MetaDocument.DataEntry data : meta.data()) {
                csv.row(data.name(), data.url());
            }
            for (MetaDocument.StructureEntry structure : meta.structures()) {
                csv.row(structure.name(), structure.url());
            }
        });
    }

    static String date(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }
}
