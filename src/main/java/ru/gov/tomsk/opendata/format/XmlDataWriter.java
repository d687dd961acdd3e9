package ru.gov.tomsk.opendata.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * {@code data-*.xml}: root {@code <data>} with one {@code <item>} per record and one child element per
 * field (standard §6), one item per line. A field without a value has no element at all, which is
 * what {@code minOccurs="0"} in the {@link XsdStructure XSD} allows; an empty element would instead
 * be an empty string, and an invalid {@code xs:integer} or {@code xs:date}.
 */
public final class XmlDataWriter extends FingerprintedDataWriter {

    private final XmlWriter xml;
    private final String[] names;

    public XmlDataWriter(OutputStream out, Structure structure) throws IOException {
        super(out);
        this.xml = new XmlWriter(new BufferedWriter(new OutputStreamWriter(this.out, StandardCharsets.UTF_8), 64 * 1024));
        this.names = structure.fieldNames().toArray(String[]::new);
        xml.raw(XmlWriter.DECLARATION);
        xml.raw("<data>\n");
    }

    @Override
    public void write(String[] values) throws IOException {
        DataRecords.checkWidth(values, names.length);
        xml.raw("  <item>");
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                xml.inline(names[i], values[i]);
            }
        }
        xml.raw("</item>\n");
    }

    @Override
    void end() throws IOException {
        xml.raw("</data>\n");
    }

    @Override
    void closeOutput() throws IOException {
        xml.close();
    }
}
