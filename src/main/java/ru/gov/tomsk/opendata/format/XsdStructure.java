package ru.gov.tomsk.opendata.format;

import java.io.IOException;

import ru.gov.tomsk.opendata.dataset.Constraints;
import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * {@code structure-<ver>.xsd}: the XML Schema that {@link XmlDataWriter}'s output validates against
 * (standard §6). Fields keep their order ({@code xs:sequence}) because the data writes them in
 * structure order; optional fields may be absent because the data omits empty values.
 */
public final class XsdStructure {

    private XsdStructure() {
    }

    public static byte[] render(Structure structure) {
        return XmlWriter.render(xml -> {
            xml.start("xs:schema", "xmlns:xs", "http://www.w3.org/2001/XMLSchema");
            xml.start("xs:element", "name", "data");
            xml.start("xs:complexType");
            xml.start("xs:sequence");
            xml.start("xs:element", "name", "item", "minOccurs", "0", "maxOccurs", "unbounded");
            xml.start("xs:complexType");
            xml.start("xs:sequence");
            for (Field field : structure.fields()) {
                boolean restricted = hasFacets(field);
                if (restricted) {
                    xml.start("xs:element", "name", field.name(), "minOccurs", field.required() ? "1" : "0");
                } else {
                    xml.start("xs:element", "name", field.name(), "type", type(field.type()),
                            "minOccurs", field.required() ? "1" : "0");
                }
                xml.start("xs:annotation");
                xml.element("xs:documentation", field.ru(), "xml:lang", "ru");
                xml.element("xs:documentation", field.en(), "xml:lang", "en");
                xml.end("xs:annotation");
                if (restricted) {
                    facets(xml, field);
                }
                xml.end("xs:element");
            }
            xml.end("xs:sequence");
            xml.end("xs:complexType");
            xml.end("xs:element");
            xml.end("xs:sequence");
            xml.end("xs:complexType");
            xml.end("xs:element");
            xml.end("xs:schema");
        });
    }

    /**
     * The gate's checks that XML Schema can state as facets. Patterns are left out on purpose: Java and
     * XML Schema regular expressions differ, and a schema that does not compile would break consumers.
     */
    private static boolean hasFacets(Field field) {
        Constraints c = field.constraints();
        return !c.allowed().isEmpty() || c.min() != null || c.max() != null
                || (c.maxLength() != null && field.type() == FieldType.STRING);
    }

    private static void facets(XmlWriter xml, Field field) throws IOException {
        Constraints c = field.constraints();
        xml.start("xs:simpleType");
        xml.start("xs:restriction", "base", type(field.type()));
        if (c.maxLength() != null && field.type() == FieldType.STRING) {
            xml.element("xs:maxLength", null, "value", String.valueOf(c.maxLength()));
        }
        if (c.min() != null) {
            xml.element("xs:minInclusive", null, "value", c.min());
        }
        if (c.max() != null) {
            xml.element("xs:maxInclusive", null, "value", c.max());
        }
        for (String allowed : c.allowed()) {
            xml.element("xs:enumeration", null, "value", allowed);
        }
        xml.end("xs:restriction");
        xml.end("xs:simpleType");
    }

    static String type(FieldType type) {
        return switch (type) {
            case STRING -> "xs:string";
            case INTEGER -> "xs:integer";
            case NUMBER -> "xs:decimal";
            case DOUBLE -> "xs:double";
            case BOOLEAN -> "xs:boolean";
            case DATE -> "xs:date";
            case DATETIME -> "xs:dateTime";
        };
    }
}
