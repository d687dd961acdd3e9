package ru.gov.tomsk.opendata.format;

import static ru.gov.tomsk.opendata.format.MetaCsv.date;

import ru.gov.tomsk.opendata.dataset.Passport;

/**
 * {@code meta.xml}: the same facts as {@link MetaCsv} and {@link MetaJson}, in the same order, under
 * root {@code <meta>} (standard §5). A missing value is an empty element, so that every passport has
 * the same elements and positional XPath consumers keep working.
 */
public final class MetaXml {

    private MetaXml() {
    }

    public static byte[] render(MetaDocument meta) {
        Passport p = meta.passport();
        return XmlWriter.render(xml -> {
            xml.start("meta");
            xml.element("standardversion", meta.standardVersion());
            xml.element("identifier", p.identifier());
            xml.element("title", p.title());
            xml.element("description", p.description());
            xml.element("creator", p.creator());
            xml.element("created", date(meta.created()));
            xml.element("modified", date(meta.modified()));
            xml.element("subject", String.join(",", p.subject()));
            xml.element("format", meta.format());
            xml.element("provenance", meta.provenance());
            xml.element("valid", date(meta.valid()));
            xml.start("publisher");
            xml.element("name", p.publisher().name());
            xml.element("phone", p.publisher().phone());
            xml.element("mbox", p.publisher().mbox());
            xml.end("publisher");
            if (meta.data().isEmpty()) {
                xml.element("data", null);
            } else {
                xml.start("data");
                for (MetaDocument.DataEntry data : meta.data()) {
                    xml.start("dataversion");
                    xml.element("source", data.url());
                    xml.element("created", date(data.created()));
                    xml.element("provenance", data.provenance());
                    xml.element("valid", date(data.valid()));
                    xml.element("structure", data.structureVersion());
                    xml.end("dataversion");
                }
                xml.end("data");
            }
            if (meta.structures().isEmpty()) {
                xml.element("structure", null);
            } else {
                xml.start("structure");
                for (MetaDocument.StructureEntry structure : meta.structures()) {
                    xml.start("structureversion");
                    xml.element("source", structure.url());
                    xml.element("created", date(structure.created()));
                    xml.end("structureversion");
                }
                xml.end("structure");
            }
            xml.end("meta");
        });
    }
}
