package ru.gov.tomsk.opendata.source.payload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.support.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.gov.tomsk.opendata.support.Workbooks.row;
import static ru.gov.tomsk.opendata.source.payload.Payloads.failure;
import static ru.gov.tomsk.opendata.source.payload.Payloads.readAll;
import static ru.gov.tomsk.opendata.source.payload.Payloads.record;

class XlsxPayloadReaderTest {

    @Test
    void theFirstSheetReadsTextNumbersDatesBooleansAndEmptyCells() throws IOException {
        List<Map<String, Object>> records = readAll(new XlsxPayloadReader(null), registerWorkbook(), "orgs.xlsx");

        assertThat(records).containsExactly(
                record("ИНН", "7017069388", "Наименование", "ООО «Ромашка»", "Дата регистрации", "2024-01-15",
                        "Обновлено", "2024-01-15T08:30:00", "Сумма", "1234567.891", "Работает", "true",
                        "Примечание", null),
                record("ИНН", "7017000001", "Наименование", "МАОУ СОШ № 4", "Дата регистрации", "1998-09-01",
                        "Обновлено", "2023-12-31T23:59:59", "Сумма", "42", "Работает", "false",
                        "Примечание", "12:00:00"),
                record("ИНН", "7017000002", "Наименование", null, "Дата регистрации", null,
                        "Обновлено", null, "Сумма", "1000000000000000", "Работает", null,
                        "Примечание", "#N/A"),
                record("ИНН", "0", "Наименование", "Лицей № 7", "Дата регистрации", null,
                        "Обновлено", null, "Сумма", "3.14159", "Работает", null, "Примечание", "-0.1"));
        assertThat(records.get(0).keySet()).containsExactly("ИНН", "Наименование", "Дата регистрации", "Обновлено",
                "Сумма", "Работает", "Примечание");
    }

    @Test
    void aNamedSheetIsReadIgnoringCase() throws IOException {
        assertThat(readAll(new XlsxPayloadReader("справочник"), registerWorkbook(), "orgs.xlsx")).containsExactly(
                record("Код", "1", "Район", "Кировский"),
                record("Код", "2", "Район", "Ленинский"));
    }

    @Test
    void aMissingSheetListsTheAvailableOnes() throws IOException {
        assertThat(failure(new XlsxPayloadReader("Данные"), registerWorkbook(), "orgs.xlsx"))
                .isEqualTo("orgs.xlsx: the workbook has no sheet named 'Данные'; its sheets: 'Организации',"
                        + " 'Справочник'");
    }

    @Test
    void theHeaderIsTheFirstNonEmptyRowWhereverItStarts() throws IOException {
        byte[] workbook = Workbooks.xlsx(book -> {
            Sheet sheet = book.createSheet("Лист1");
            sheet.createRow(0); // an empty row, as left by a deleted title
            sheet.createRow(1).createCell(1).setCellValue(""); // a cell element with nothing in it
            row(sheet, 2, null, " Район ", "Население");
            row(sheet, 3, null, "Советский", 120000);
            sheet.createRow(4).createCell(2).setBlank(); // formatted but empty: skipped
            row(sheet, 6, null, "Октябрьский");
        });

        assertThat(readAll(new XlsxPayloadReader(null), workbook, "margin.xlsx")).containsExactly(
                record("Район", "Советский", "Население", "120000"),
                record("Район", "Октябрьский", "Население", null));
    }

    @Test
    void aValueOutsideTheHeaderedColumnsIsRefusedWithSheetAndRow() throws IOException {
        byte[] workbook = Workbooks.xlsx(book -> {
            Sheet sheet = book.createSheet("Школы");
            row(sheet, 0, "id", "Наименование");
            row(sheet, 1, 1, "Школа № 1");
            row(sheet, 2, 2, null, null, "лишнее");
        });

        assertThat(failure(new XlsxPayloadReader(null), workbook, "s.xlsx"))
                .isEqualTo("s.xlsx: sheet 'Школы' row 3 (record 2): cell D3 has a value, 'лишнее', but column D has no"
                        + " header (row 1)");
    }

    @Test
    void emptyOrRepeatedHeaderCellsAreErrors() throws IOException {
        byte[] gap = Workbooks.xlsx(book -> row(book.createSheet("Лист1"), 0, "id", null, "Имя"));
        byte[] twice = Workbooks.xlsx(book -> row(book.createSheet("Лист1"), 0, "Имя", "ИМЯ"));

        assertThat(failure(new XlsxPayloadReader(null), gap, "h.xlsx"))
                .isEqualTo("h.xlsx: sheet 'Лист1' row 1: cell B1 of the header is empty; every column needs a name");
        assertThat(failure(new XlsxPayloadReader(null), twice, "h.xlsx"))
                .isEqualTo("h.xlsx: sheet 'Лист1' row 1: the header names 'ИМЯ' twice (cell A1 and cell B1; names are"
                        + " compared ignoring case)");
    }

    @Test
    void aStreamingWrittenWorkbookWithInlineStringsReads() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            Sheet sheet = book.createSheet("Выгрузка");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("№");
            header.createCell(1).setCellValue("Улица");
            for (int i = 1; i <= 1000; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue(i);
                row.createCell(1).setCellValue("ул. Ленина, " + i);
            }
            book.write(bytes);
            book.dispose();
        }

        List<Map<String, Object>> records = readAll(new XlsxPayloadReader(null), bytes.toByteArray(), "s.xlsx");

        assertThat(records).hasSize(1000);
        assertThat(records.get(999)).isEqualTo(record("№", "1000", "Улица", "ул. Ленина, 1000"));
    }

    @Test
    void anEmptySheetHasNoHeader() throws IOException {
        byte[] workbook = Workbooks.xlsx(book -> book.createSheet("Пусто"));

        assertThat(failure(new XlsxPayloadReader(null), workbook, "e.xlsx"))
                .isEqualTo("e.xlsx: sheet 'Пусто' has no rows; its first non-empty row must be the header");
    }

    @Test
    void somethingElseThanAWorkbookIsRecognised() {
        byte[] csv = "ИНН;Имя\n1;Иван\n".getBytes(StandardCharsets.UTF_8);

        assertThat(failure(new XlsxPayloadReader(null), csv, "orgs.xlsx"))
                .startsWith("orgs.xlsx: not an XLSX workbook");
    }

    @Test
    void aWorkbookOverTheSizeLimitIsRefused() throws IOException {
        assertThat(failure(new XlsxPayloadReader(null, 1000), registerWorkbook(), "big.xlsx"))
                .isEqualTo("big.xlsx: the workbook is larger than 1000 bytes, the limit for XLSX payloads");
    }

    @Test
    void aZipBombIsRefused() throws IOException {
        // a sheet that inflates from a few kilobytes to 20 MB: far beyond the 1 % ratio real sheets stay within
        String bloated = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + " ".repeat(20 * 1024 * 1024)
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row></sheetData></worksheet>";
        byte[] bomb = replaceEntry(Workbooks.xlsx(book -> book.createSheet("Лист1").createRow(0).createCell(0)
                .setCellValue("id")), "xl/worksheets/sheet1.xml", bloated.getBytes(StandardCharsets.UTF_8));

        assertThat(failure(new XlsxPayloadReader(null), bomb, "bomb.xlsx"))
                .startsWith("bomb.xlsx: refused as a possible zip bomb");
    }

    @Test
    void theTemporaryCopyIsRemovedAfterReadingAndAfterFailing() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = spooled(tmp);

        readAll(new XlsxPayloadReader(null), registerWorkbook(), "orgs.xlsx");
        failure(new XlsxPayloadReader("нет такого"), registerWorkbook(), "orgs.xlsx");

        assertThat(spooled(tmp)).containsExactlyInAnyOrderElementsOf(before);
    }

    private static List<Path> spooled(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("payload-.*\\.xlsx")).toList();
        }
    }

    /** Two sheets: a register with every kind of cell, and a small reference list. */
    private static byte[] registerWorkbook() throws IOException {
        return Workbooks.xlsx(book -> {
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd.mm.yyyy"));
            CellStyle dateTime = book.createCellStyle();
            dateTime.setDataFormat(book.createDataFormat().getFormat("dd.mm.yyyy hh:mm"));
            CellStyle builtinDate = book.createCellStyle();
            builtinDate.setDataFormat((short) 14);
            CellStyle time = book.createCellStyle();
            time.setDataFormat(book.createDataFormat().getFormat("hh:mm"));
            CellStyle twoDecimals = book.createCellStyle();
            twoDecimals.setDataFormat(book.createDataFormat().getFormat("0.00"));

            Sheet sheet = book.createSheet("Организации");
            row(sheet, 0, "ИНН", "Наименование", "Дата регистрации", "Обновлено", "Сумма", "Работает", "Примечание");
            Row first = row(sheet, 1, "7017069388", "ООО «Ромашка»", LocalDate.of(2024, 1, 15),
                    LocalDateTime.of(2024, 1, 15, 8, 30), 1234567.891, true);
            first.getCell(2).setCellStyle(date);
            first.getCell(3).setCellStyle(dateTime);
            first.createCell(6).setBlank();

            Row second = row(sheet, 2, 7017000001d, "МАОУ СОШ № 4", LocalDate.of(1998, 9, 1),
                    LocalDateTime.of(2023, 12, 31, 23, 59, 59), 42.0, false, 0.5);
            second.getCell(2).setCellStyle(builtinDate);
            second.getCell(3).setCellStyle(dateTime);
            second.getCell(6).setCellStyle(time);

            sheet.createRow(3); // an empty row between records: skipped

            Row third = row(sheet, 4, "7017000002", "", null, null, 1e15);
            third.createCell(6).setCellErrorValue(FormulaError.NA.getCode());

            Row fourth = row(sheet, 5, -0.0, "Лицей № 7", null, null, 3.14159, null, -0.1);
            fourth.getCell(4).setCellStyle(twoDecimals);

            Sheet reference = book.createSheet("Справочник");
            row(reference, 0, "Код", "Район");
            row(reference, 1, 1, "Кировский");
            row(reference, 2, 2, "Ленинский");
        });
    }

    /** The same zip with one entry's content replaced. */
    private static byte[] replaceEntry(byte[] zip, String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals(name) ? content : in.readAllBytes());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
