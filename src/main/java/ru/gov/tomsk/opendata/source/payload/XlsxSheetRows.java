package ru.gov.tomsk.opendata.source.payload;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.Styles;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * The rows of one worksheet, pulled one at a time. POI's {@link XSSFSheetXMLHandler} does the cell work (shared
 * strings, inline strings, styles, cached formula results) but is a SAX handler, which pushes the whole sheet in
 * one call; an iterator needs to pull. So a StAX reader feeds the handler event by event and stops at each row's
 * end: the same streaming event model, without a parser thread and a hand-off queue.
 */
final class XlsxSheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {

    /** A sheet row: its 1-based number and the cell values by 0-based column ({@code null} = empty). */
    record Row(int number, List<String> cells) {

        boolean isEmpty() {
            return cells.stream().allMatch(c -> c == null);
        }
    }

    private final XMLStreamReader xml;
    private final XSSFSheetXMLHandler handler;
    private final String where;
    private final AttributesImpl attributes = new AttributesImpl();
    private final List<String> cells = new ArrayList<>();
    private String cellType;
    private long textChars;
    private int rowNumber;
    private int nextColumn;
    private boolean rowDone;

    /** @param where the sheet for messages, e.g. "orgs.xlsx: sheet 'Организации'" */
    XlsxSheetRows(InputStream sheetXml, Styles styles, SharedStrings strings, boolean date1904, String where)
            throws XMLStreamException {
        this.xml = SafeXml.inputFactory().createXMLStreamReader(sheetXml);
        this.handler = new XSSFSheetXMLHandler(styles, strings, this, new IsoCellFormatter(date1904), false);
        this.where = where;
    }

    /** The next row that has any cell element (empty ones included), or {@code null} after the last. */
    Row next() throws XMLStreamException, SAXException {
        rowDone = false;
        while (!rowDone && xml.hasNext()) {
            dispatch(xml.next());
        }
        // a copy that keeps nulls (List.copyOf refuses them, and empty cells are nulls)
        return rowDone ? new Row(rowNumber, Collections.unmodifiableList(new ArrayList<>(cells))) : null;
    }

    /** Where the reader is, for messages about the current row. */
    String where() {
        return where + " row " + rowNumber;
    }

    private void dispatch(int event) throws SAXException {
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> {
                attributes.clear();
                for (int i = 0; i < xml.getAttributeCount(); i++) {
                    String uri = xml.getAttributeNamespace(i);
                    String local = xml.getAttributeLocalName(i);
                    String prefix = xml.getAttributePrefix(i);
                    attributes.addAttribute(uri == null ? "" : uri, local,
                            prefix == null || prefix.isEmpty() ? local : prefix + ":" + local, "CDATA",
                            xml.getAttributeValue(i));
                }
                String local = xml.getLocalName();
                if ("c".equals(local)) {
                    cellType = xml.getAttributeValue(null, "t");
                }
                textChars = 0;
                handler.startElement(xml.getNamespaceURI(), local, qName(), attributes);
            }
            case XMLStreamConstants.END_ELEMENT -> {
                textChars = 0;
                handler.endElement(xml.getNamespaceURI(), xml.getLocalName(), qName());
            }
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                textChars += xml.getTextLength();
                if (textChars > PayloadReader.MAX_VALUE_CHARS) {
                    // checked before the handler buffers it: a bloated cell must not cost unbounded memory
                    throw new PayloadException(where() + ": a cell is longer than " + PayloadReader.MAX_VALUE_CHARS
                            + " characters");
                }
                handler.characters(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            }
            case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                    throw SafeXml.doctypeRefused(where, xml.getLocation());
            default -> { }
        }
    }

    private String qName() {
        String prefix = xml.getPrefix();
        return prefix == null || prefix.isEmpty() ? xml.getLocalName() : prefix + ":" + xml.getLocalName();
    }

    @Override
    public void startRow(int rowNum) {
        cells.clear();
        rowNumber = rowNum + 1;
        nextColumn = 0;
    }

    @Override
    public void endRow(int rowNum) {
        rowDone = true;
    }

    @Override
    public void cell(String cellReference, String formattedValue, XSSFComment comment) {
        int column = cellReference == null ? nextColumn : column(cellReference);
        nextColumn = column + 1;
        String value = normalize(formattedValue);
        if (value != null && value.length() > PayloadReader.MAX_VALUE_CHARS) {
            throw new PayloadException(where() + ": cell " + cellReference + " is longer than "
                    + PayloadReader.MAX_VALUE_CHARS + " characters, starting "
                    + PayloadException.excerpt(value.substring(0, PayloadException.EXCERPT_CHARS + 1)));
        }
        while (cells.size() <= column) {
            cells.add(null);
        }
        cells.set(column, value);
    }

    /** Booleans and errors as data, not as Excel displays them; empty text is no value. */
    private String normalize(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if ("b".equals(cellType)) {
            return "TRUE".equals(value) ? "true" : "false";
        }
        if ("e".equals(cellType)) {
            // "#DIV/0!", "#N/A": passed on so that a typed field rejects it into the quarantine with the reason
            return value.startsWith("ERROR:") ? value.substring("ERROR:".length()) : value;
        }
        if (cellType == null || "n".equals(cellType)) {
            // a sheet without styles gets the raw stored text, e.g. "1.0E7"
            try {
                return IsoCellFormatter.plainNumber(Double.parseDouble(value));
            } catch (NumberFormatException notANumber) {
                return value; // already formatted: an ISO date
            }
        }
        return value;
    }

    /** "AB12" → 27. */
    static int column(String cellReference) {
        int column = 0;
        for (int i = 0; i < cellReference.length(); i++) {
            char c = Character.toUpperCase(cellReference.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
        }
        return column - 1;
    }

    /** 27 → "AB". */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }

    void close() throws XMLStreamException {
        xml.close();
    }
}
