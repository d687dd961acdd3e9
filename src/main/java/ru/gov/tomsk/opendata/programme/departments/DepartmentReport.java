package ru.gov.tomsk.opendata.programme.departments;

import java.time.Instant;
import java.util.List;

/**
 * «Рекомендации ведомству»: what a department should publish or fix next, as of {@code asOf}.
 *
 * @param inn      the department's ИНН, the first part of its feed identifiers
 * @param name     its name: {@code opendata.programme.departments.<inn>.name}, else its feeds' {@code creator}
 * @param email    its open-data contact, who gets the report by mail; null if none is configured
 * @param sections every section, also the empty ones (the report says «замечаний нет» there)
 */
public record DepartmentReport(String inn, String name, String email, Instant asOf, List<ReportSection> sections) {

    public DepartmentReport {
        sections = List.copyOf(sections);
    }

    /** How many findings the report has, all sections. */
    public int total() {
        return sections.stream().mapToInt(s -> s.findings().size()).sum();
    }
}
