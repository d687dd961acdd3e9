package ru.gov.tomsk.opendata.source.payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.SAXException;

/**
 * XLSX: one worksheet (named, else the first), read with POI's streaming event model (package parts, the
 * read-only shared strings table and {@link XlsxSheetRows}), never as a whole workbook in memory. The first
 * non-empty row is the header; fully empty rows are skipped (spreadsheets keep formatted empty rows); a value
 * in a column without a header is refused, as in CSV. Values: text as is, numbers and dates as data (see
 * {@link IsoCellFormatter}), booleans {@code true}/{@code false}, formula cells their cached result, error cells
 * their code ({@code #N/A}), empty cells {@code null}.
 *
 * <p>A workbook is a zip that needs random access, so the payload is first copied to a private temporary file
 * (deleted on close), no bigger than the configured maximum. Zip bombs are refused through POI's
 * {@link ZipSecureFile} limits. The shared strings (each distinct text once) are the one part held in memory.
 */
public final class XlsxPayloadReader implements PayloadReader {

    /** Default for the largest workbook accepted; open-data workbooks are far smaller. */
    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;
    /**
     * Smallest compressed/uncompressed ratio of a zip entry (1 %). Real sheets compress 5–20×; a zip bomb
     * thousands of times.
     */
    static final double MIN_INFLATE_RATIO = 0.01;
    /** Largest uncompressed part: a million-row sheet is well under it; the shared strings are read into memory. */
    static final long MAX_ENTRY_BYTES = 1L << 30;

    static {
        // JVM-wide POI settings: set once here, where the untrusted workbooks are opened
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    }

    private final String sheet;
    private final long maxFileBytes;

    /** @param sheet the worksheet's name (compared ignoring case, as Excel does), or {@code null} for the first */
    public XlsxPayloadReader(String sheet) {
        this(sheet, DEFAULT_MAX_FILE_BYTES);
    }

    public XlsxPayloadReader(String sheet, long maxFileBytes) {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("the maximum XLSX size must be positive, got " + maxFileBytes);
        }
        this.sheet = sheet == null || sheet.isBlank() ? null : sheet.strip();
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public RecordStream open(InputStream in, String sourceName) {
        Path file = spool(in, sourceName);
        OPCPackage workbook = null;
        XlsxSheetRows rows = null;
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(workbook);
            boolean date1904 = date1904(reader);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                InputStream sheetXml = sheets.next();
                String name = sheets.getSheetName();
                names.add(name);
                if (sheet == null || name.equalsIgnoreCase(sheet)) {
                    String where = sourceName + ": sheet '" + name + "'";
                    rows = new XlsxSheetRows(sheetXml, styles, strings, date1904, where);
                    return new XlsxRecords(sourceName, where, rows, workbook, file);
                }
                sheetXml.close();
            }
            throw new PayloadException(names.isEmpty() ? sourceName + ": the workbook has no worksheets"
                    : sourceName + ": the workbook has no sheet named '" + sheet + "'; its sheets: "
                    + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")));
        } catch (Exception e) {
            release(rows, workbook, file, e);
            throw translate(e, sourceName + ": ", "cannot read the workbook");
        }
    }

    /** Copies the payload to a temporary file, refusing it past the size limit; closes {@code in}. */
    private Path spool(InputStream in, String sourceName) {
        Path file = null;
        try (InputStream source = in) {
            file = Files.createTempFile("payload-", ".xlsx"); // owner-only on POSIX: payloads may be personal data
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n = source.read(buffer); n >= 0; n = source.read(buffer)) {
                    total += n;
                    if (total > maxFileBytes) {
                        throw new PayloadException("Файл с данными не принят: книга Excel больше допустимого "
                                + "размера. Уберите из неё лишние листы и оформление или выгрузите данные в CSV.",
                                sourceName + ": the workbook is larger than " + maxFileBytes
                                + " bytes, the limit for XLSX payloads", null);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return file;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file, e);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(sourceName + ": cannot read the payload: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Whether the workbook counts dates from 1904 (workbookPr/@date1904), which shifts every date by 4 years. */
    private static boolean date1904(XSSFReader reader) throws Exception {
        try (InputStream workbookXml = reader.getWorkbookData()) {
            XMLStreamReader xml = SafeXml.inputFactory().createXMLStreamReader(workbookXml);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                        String name = xml.getLocalName();
                        if ("workbookPr".equals(name)) {
                            String value = xml.getAttributeValue(null, "date1904");
                            return "1".equals(value) || "true".equalsIgnoreCase(value);
                        }
                        if ("sheets".equals(name)) {
                            return false; // workbookPr comes before the sheets when present
                        }
                    }
                }
                return false;
            } finally {
                xml.close();
            }
        }
    }

    /**
     * A message the department can act on. POI reports zip bombs only as text ("Zip bomb detected!"), possibly
     * wrapped by the XML parser, so the cause chain is searched for it.
     */
    static RuntimeException translate(Exception e, String prefix, String what) {
        if (e instanceof PayloadException payload) {
            return payload;
        }
        for (Throwable t = e; t != null; t = next(t)) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb detected")) {
                return new PayloadException(prefix + "refused as a possible zip bomb: a part of the workbook expands"
                        + " more than " + Math.round(1 / MIN_INFLATE_RATIO) + " times or beyond "
                        + (MAX_ENTRY_BYTES >> 20) + " MiB", e);
            }
            if (t instanceof NotOfficeXmlFileException) {
                return new PayloadException("Файл с данными не принят: это не книга Excel в формате .xlsx "
                        + "(возможно, старый .xls или переименованный файл). Сохраните его в Excel как «Книга Excel "
                        + "(*.xlsx)».", prefix + "not an XLSX workbook (an old .xls, or another format"
                        + " renamed?); save it as .xlsx", e);
            }
            if (t instanceof PayloadException payload) {
                return payload;
            }
        }
        String detail = e instanceof XMLStreamException xml ? SafeXml.reason(xml) : String.valueOf(e.getMessage());
        return new PayloadException(prefix + what + ": " + (detail.length() <= 200 ? detail : detail.substring(0, 200)
                + "…"), e);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SAXException sax && sax.getException() != null && sax.getException() != t.getCause()) {
            return sax.getException();
        }
        if (t instanceof XMLStreamException xml && xml.getNestedException() != null
                && xml.getNestedException() != t.getCause()) {
            return xml.getNestedException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static void release(XlsxSheetRows rows, OPCPackage workbook, Path file, Exception failure) {
        try {
            if (rows != null) {
                rows.close();
            }
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
        if (workbook != null) {
            workbook.revert(); // read-only: close() would try to save it
        }
        deleteQuietly(file, failure);
    }

    private static void deleteQuietly(Path file, Exception failure) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The rows after the header as records. */
    private static final class XlsxRecords extends AbstractRecordStream {

        private final String where;
        private final XlsxSheetRows rows;
        private final OPCPackage workbook;
        private final Path file;
        private final List<String> header;
        /** The header's first column (sheets may start further right, past a margin column). */
        private final int firstColumn;
        private final int headerRow;
        private long records;

        XlsxRecords(String sourceName, String where, XlsxSheetRows rows, OPCPackage workbook, Path file)
                throws XMLStreamException, SAXException {
            super(sourceName);
            this.where = where;
            this.rows = rows;
            this.workbook = workbook;
            this.file = file;
            XlsxSheetRows.Row row = rows.next();
            while (row != null && row.isEmpty()) {
                row = rows.next();
            }
            if (row == null) {
                throw new PayloadException(where + " has no rows; its first non-empty row must be the header");
            }
            List<String> cells = row.cells();
            int first = 0;
            while (cells.get(first) == null) {
                first++;
            }
            int last = cells.size() - 1;
            while (cells.get(last) == null) {
                last--;
            }
            int rowNumber = row.number();
            int start = first;
            this.firstColumn = start;
            this.headerRow = rowNumber;
            this.header = Header.names(cells.subList(start, last + 1), where + " row " + rowNumber,
                    i -> "cell " + XlsxSheetRows.columnName(start + i) + rowNumber);
        }

        @Override
        protected Map<String, Object> read() {
            try {
                XlsxSheetRows.Row row = rows.next();
                while (row != null && row.isEmpty()) {
                    row = rows.next();
                }
                if (row == null) {
                    return null;
                }
                records++;
                List<String> cells = row.cells();
                for (int column = 0; column < cells.size(); column++) {
                    if (cells.get(column) != null && (column < firstColumn || column >= firstColumn + header.size())) {
                        throw new PayloadException(where + " row " + row.number() + " (record " + records + "): cell "
                                + XlsxSheetRows.columnName(column) + row.number() + " has a value, "
                                + PayloadException.excerpt(cells.get(column)) + ", but column "
                                + XlsxSheetRows.columnName(column) + " has no header (row " + headerRow + ")");
                    }
                }
                Map<String, Object> record = new LinkedHashMap<>(header.size() * 4 / 3 + 1);
                for (int i = 0; i < header.size(); i++) {
                    int column = firstColumn + i;
                    record.put(header.get(i), column < cells.size() ? cells.get(column) : null);
                }
                return record;
            } catch (Exception e) {
                throw translate(e, rows.where() + " (record " + (records + 1) + "): ", "malformed sheet");
            }
        }

        @Override
        protected void release() throws IOException {
            try {
                rows.close();
            } catch (XMLStreamException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                workbook.revert();
                Files.deleteIfExists(file);
            }
        }
    }
}
