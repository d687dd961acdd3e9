package ru.gov.tomsk.opendata.programme.departments;

import java.util.List;

/**
 * One kind of gap a department's report lists (overdue feeds, unanswered requests routed to it, mandated items it
 * has not published, datasets consumers asked for…). Each kind is a bean of this type; the report shows them in
 * {@link #order()}, each under its Russian {@link #heading()}.
 */
public interface DepartmentFindings {

    /** The report section's heading, in Russian («Обязательные наборы, которые не опубликованы»). */
    String heading();

    /** Position of the section in the report, smaller first. */
    int order();

    /** The findings for the department of the ИНН (the first part of its feed identifiers), as of now. */
    List<DepartmentFinding> of(String inn);
}
