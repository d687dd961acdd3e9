package ru.gov.tomsk.opendata.programme.departments;

/**
 * One line of a department's report.
 *
 * @param subject what it is about (a feed identifier, a request number, a mandated item «1187-р/5»)
 * @param text    what to do about it, in Russian, for the department
 * @param link    path of the page that shows it (relative to the server, e.g. /admin/feeds/…); null if none
 */
public record DepartmentFinding(String subject, String text, String link) {
}
