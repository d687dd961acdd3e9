package ru.gov.tomsk.opendata.source.payload;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML: the elements at a slash path from the root ({@code export/organisations/organisation}) are the records,
 * read one at a time with StAX; everything off that path is skipped unread into memory.
 *
 * <p>In a record, each child element that holds only text is a column named by its local name; its text is the
 * value (empty, or {@code xsi:nil="true"}, is no value). The record element's attributes are columns too, named
 * {@code @} + local name ({@code @id}), so that an attribute and a child element of the same name stay distinct
 * and the origin is visible in a feed's {@code source:} mapping. A child that contains elements of its own is a
 * structure, not a value, and is skipped (the pipeline would ignore an unmapped column anyway). A child element
 * repeated in one record is refused: which of the values would be published?
 *
 * <p>Names are matched by local name, whatever the namespace. DOCTYPEs are refused (see {@link SafeXml}); the
 * encoding is the document's own declaration.
 */
public final class XmlPayloadReader implements PayloadReader {

    private final List<String> recordPath;

    /** @param recordPath slash-separated element names from the root to the record element */
    public XmlPayloadReader(String recordPath) {
        this.recordPath = segments(recordPath);
    }

    @Override
    public RecordStream open(InputStream in, String sourceName) {
        try {
            XMLStreamReader xml = SafeXml.inputFactory().createXMLStreamReader(in);
            return new XmlRecords(sourceName, in, xml, recordPath);
        } catch (XMLStreamException e) {
            try {
                in.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new PayloadException(sourceName + ": malformed XML at " + SafeXml.at(e.getLocation()) + ": "
                    + SafeXml.reason(e), e);
        }
    }

    static List<String> segments(String recordPath) {
        if (recordPath == null || recordPath.isBlank()) {
            throw new IllegalArgumentException("option 'recordPath' is required for format xml: the element names"
                    + " from the root to a record joined by '/', e.g. export/organisations/organisation");
        }
        String trimmed = recordPath.strip();
        if (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        List<String> segments = List.of(trimmed.split("/", -1));
        if (segments.stream().anyMatch(s -> s.isBlank() || s.contains(":") || s.contains("*") || s.contains("["))) {
            throw new IllegalArgumentException("option 'recordPath' must be plain element names joined by '/',"
                    + " e.g. export/organisations/organisation; got '" + recordPath + "'");
        }
        return segments;
    }

    /** Walks down the record path, returning each record element as a map. */
    private static final class XmlRecords extends AbstractRecordStream {

        private final InputStream in;
        private final XMLStreamReader xml;
        private final List<String> path;
        /** How many levels of the record path the reader is inside. */
        private int depth;
        private boolean parentSeen;
        private String root;
        private long records;
        private boolean inRecord;

        XmlRecords(String sourceName, InputStream in, XMLStreamReader xml, List<String> path) {
            super(sourceName);
            this.in = in;
            this.xml = xml;
            this.path = path;
        }

        @Override
        protected Map<String, Object> read() {
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    switch (event) {
                        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                                throw SafeXml.doctypeRefused(sourceName(), xml.getLocation());
                        case XMLStreamConstants.START_ELEMENT -> {
                            String name = xml.getLocalName();
                            if (root == null) {
                                root = name;
                                if (!name.equals(path.get(0))) {
                                    throw new PayloadException(sourceName() + ": " + SafeXml.at(xml.getLocation())
                                            + ": the root element is <" + name + ">, but the option recordPath "
                                            + String.join("/", path) + " starts with <" + path.get(0) + ">");
                                }
                            } else if (!name.equals(path.get(depth))) {
                                skipElement();
                                continue;
                            }
                            depth++;
                            if (depth == path.size() - 1) {
                                parentSeen = true;
                            }
                            if (depth == path.size()) {
                                depth--;
                                return record();
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> depth--;
                        default -> { }
                    }
                }
                if (records == 0 && !parentSeen && path.size() > 1) {
                    // a wrong recordPath would otherwise look like an empty dataset
                    throw new PayloadException(sourceName() + ": the document has no element at "
                            + String.join("/", path.subList(0, path.size() - 1)) + " (option recordPath: "
                            + String.join("/", path) + ")");
                }
                return null;
            } catch (XMLStreamException e) {
                throw new PayloadException(sourceName() + ": malformed XML at " + SafeXml.at(e.getLocation())
                        + (inRecord ? " (in record " + records + ")" : records > 0 ? " (after record " + records + ")" : "")
                        + ": " + SafeXml.reason(e), e);
            }
        }

        /** On the record's START_ELEMENT: its attributes and text children, up to its END_ELEMENT. */
        private Map<String, Object> record() throws XMLStreamException {
            records++;
            inRecord = true;
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(xml.getAttributeNamespace(i))) {
                    continue; // xsi:type, xsi:schemaLocation are about the document, not data
                }
                String value = xml.getAttributeValue(i);
                record.put("@" + xml.getAttributeLocalName(i), value.isEmpty() ? null : value);
            }
            while (true) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    inRecord = false;
                    return record;
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.DTD) {
                    throw SafeXml.doctypeRefused(sourceName(), xml.getLocation());
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    String where = SafeXml.at(xml.getLocation());
                    boolean nil = "true".equals(xml.getAttributeValue(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil"));
                    Text text = childText(name, where);
                    if (text.nested()) {
                        continue;
                    }
                    if (record.containsKey(name)) {
                        throw new PayloadException(sourceName() + ": " + where + " (record " + records + "): <" + name
                                + "> appears more than once in a <" + path.get(path.size() - 1) + ">; a record's"
                                + " values must be single elements");
                    }
                    record.put(name, nil || text.value().isEmpty() ? null : text.value());
                }
            }
        }

        private record Text(String value, boolean nested) {
        }

        /** On a child's START_ELEMENT: its text up to its END_ELEMENT, or "nested" if it holds elements. */
        private Text childText(String name, String where) throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            boolean nested = false;
            int level = 1;
            while (level > 0) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        nested = true;
                        level++;
                    }
                    case XMLStreamConstants.END_ELEMENT -> level--;
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!nested) {
                            if (text.length() + xml.getTextLength() > MAX_VALUE_CHARS) {
                                throw new PayloadException(sourceName() + ": " + where + " (record " + records + "): <"
                                        + name + "> is longer than " + MAX_VALUE_CHARS + " characters, starting "
                                        + PayloadException.excerpt(text.substring(0, Math.min(text.length(),
                                        PayloadException.EXCERPT_CHARS + 1))));
                            }
                            text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                            throw SafeXml.doctypeRefused(sourceName(), xml.getLocation());
                    default -> { }
                }
            }
            return new Text(nested ? null : text.toString(), nested);
        }

        /** On a START_ELEMENT off the record path: consumes it whole without keeping its content. */
        private void skipElement() throws XMLStreamException {
            int level = 1;
            while (level > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    level++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    level--;
                } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw SafeXml.doctypeRefused(sourceName(), xml.getLocation());
                }
            }
        }

        @Override
        protected void release() throws IOException {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                in.close();
            }
        }
    }
}
