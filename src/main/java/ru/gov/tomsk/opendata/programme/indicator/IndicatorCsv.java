package ru.gov.tomsk.opendata.programme.indicator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import ru.gov.tomsk.opendata.format.CsvWriter;

/**
 * The indicator as the CSV of the quarterly report ({@code /admin/indicator.csv}): UTF-8 without BOM, the project's
 * CSV dialect (comma, CRLF), Russian headers, one row per quarter, the target and its percentage on the fourth
 * quarter's row. The percentage has a decimal point, as every number the section publishes.
 */
public final class IndicatorCsv {

    static final String[] HEADER = {"Год", "Квартал", "Опубликовано за квартал", "Опубликовано нарастающим итогом",
            "Цель на конец года", "Выполнение цели (%)"};

    private IndicatorCsv() {
    }

    public static byte[] of(Indicator indicator) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = new CsvWriter(out)) {
            csv.row(HEADER);
            for (QuarterCount q : indicator.quarters()) {
                BigDecimal percent = q.percentOfTarget();
                csv.row(Integer.toString(q.year()), Integer.toString(q.quarter()), Long.toString(q.published()),
                        Long.toString(q.cumulative()), q.target() == null ? null : q.target().toString(),
                        percent == null ? null : percent.toPlainString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
