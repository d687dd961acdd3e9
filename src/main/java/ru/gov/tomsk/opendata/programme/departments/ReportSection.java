package ru.gov.tomsk.opendata.programme.departments;

import java.util.List;

/** One section of a department's report: a {@link DepartmentFindings} bean's heading and its findings now. */
public record ReportSection(String heading, int order, List<DepartmentFinding> findings) {

    public ReportSection {
        findings = List.copyOf(findings);
    }
}
