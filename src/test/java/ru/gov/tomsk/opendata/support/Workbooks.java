package ru.gov.tomsk.opendata.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Excel workbooks for the tests of xlsx drops and pushes, written row by row with Apache POI. */
public final class Workbooks {

    private Workbooks() {
    }

    /** The bytes of an .xlsx workbook that {@code filler} fills. */
    public static byte[] xlsx(Consumer<Workbook> filler) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            filler.accept(book);
            book.write(bytes);
            return bytes.toByteArray();
        }
    }

    /**
     * A row whose cells hold {@code values} from column A on, each as its own cell type (text, number, boolean,
     * date, date-time); a {@code null} leaves its cell out.
     */
    public static Row row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int column = 0; column < values.length; column++) {
            Object value = values[column];
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(column);
            if (value instanceof String text) {
                cell.setCellValue(text);
            } else if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else if (value instanceof Boolean bool) {
                cell.setCellValue(bool);
            } else if (value instanceof LocalDate day) {
                cell.setCellValue(day);
            } else if (value instanceof LocalDateTime moment) {
                cell.setCellValue(moment);
            } else {
                throw new IllegalArgumentException("no cell type for " + value.getClass());
            }
        }
        return row;
    }
}
