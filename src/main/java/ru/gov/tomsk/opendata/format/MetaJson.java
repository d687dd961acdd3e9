package ru.gov.tomsk.opendata.format;

import static ru.gov.tomsk.opendata.format.MetaCsv.date;

import ru.gov.tomsk.opendata.dataset.Passport;

/**
 * {@code meta.json}: the same facts as {@link MetaCsv}, in the same order (standard §5), so that a
 * consumer switching formats finds the same passport. Dates stay {@code YYYYMMDD} strings as in
 * {@code meta.csv}, and a missing value is {@code null} rather than an absent key.
 */
public final class MetaJson {

    private MetaJson() {
    }

    public static byte[] render(MetaDocument meta) {
        Passport p = meta.passport();
        return Json.render(json -> {
            json.writeStartObject();
            json.writeStringField("standardversion", meta.standardVersion());
            json.writeStringField("identifier", p.identifier());
            json.writeStringField("title", p.title());
            json.writeStringField("description", p.description());
            json.writeStringField("creator", p.creator());
            json.writeStringField("created", date(meta.created()));
            json.writeStringField("modified", date(meta.modified()));
            json.writeStringField("subject", String.join(",", p.subject()));
            json.writeStringField("format", meta.format());
            json.writeStringField("provenance", meta.provenance());
            json.writeStringField("valid", date(meta.valid()));
            json.writeObjectFieldStart("publisher");
            json.writeStringField("name", p.publisher().name());
            json.writeStringField("phone", p.publisher().phone());
            json.writeStringField("mbox", p.publisher().mbox());
            json.writeEndObject();
            json.writeArrayFieldStart("data");
            for (MetaDocument.DataEntry data : meta.data()) {
                json.writeStartObject();
                json.writeStringField("source", data.url());
                json.writeStringField("created", date(data.created()));
                json.writeStringField("provenance", data.provenance());
                json.writeStringField("valid", date(data.valid()));
                json.writeStringField("structure", data.structureVersion());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("structure");
            for (MetaDocument.StructureEntry structure : meta.structures()) {
                json.writeStartObject();
                json.writeStringField("source", structure.url());
                json.writeStringField("created", date(structure.created()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
