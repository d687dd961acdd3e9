package ru.gov.tomsk.opendata.programme.departments;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import ru.gov.tomsk.opendata.format.CsvWriter;

/**
 * A department's report as CSV ({@code /admin/departments/<inn>.csv}, and the mail's attachment): UTF-8 without BOM,
 * the project's CSV dialect (comma, CRLF), Russian headers, one row per finding in the report's order.
 */
public final class DepartmentReportCsv {

    private DepartmentReportCsv() {
    }

    /** @param baseUrl what the findings' links are made absolute with (the console's address), or null for paths */
    public static byte[] of(DepartmentReport report, String baseUrl) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = new CsvWriter(out)) {
            csv.row("ИНН", "Ведомство", "Раздел", "Предмет", "Рекомендация", "Ссылка");
            for (ReportSection section : report.sections()) {
                for (DepartmentFinding f : section.findings()) {
                    csv.row(report.inn(), report.name(), section.heading(), f.subject(), f.text(),
                            f.link() == null ? null : (baseUrl == null ? "" : baseUrl) + f.link());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
