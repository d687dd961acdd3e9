package ru.gov.tomsk.opendata.feed;

import java.nio.file.Path;

import ru.gov.tomsk.opendata.dataset.DepartmentMessage;

/**
 * One thing wrong with a feed file, located precisely enough for a department to fix it.
 *
 * @param line    1-based, 0 if unknown
 * @param column  1-based, 0 if unknown
 * @param field   dotted path of the property, e.g. {@code structure.fields[2].type}; empty for the whole file
 * @param message the technical detail in English, for logs and operators
 * @param russian what is wrong and what to do, in plain Russian, for the department
 */
public record FeedProblem(Path file, int line, int column, String field, String message, String russian) {

    /** The Russian text, then «Подробности: » and the English one; without the location, which views show apart. */
    public String forDepartment() {
        return new DepartmentMessage(russian, message).text();
    }

    /** {@code file:line:column: property: } then the department's text: one problem on its own, for a person. */
    public String departmentLine() {
        return location() + forDepartment();
    }

    /** {@code file:line:column: property: message}, in English, for the log. */
    @Override
    public String toString() {
        return location() + message;
    }

    private String location() {
        StringBuilder s = new StringBuilder(file.toString());
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ");
        if (!field.isEmpty()) {
            s.append(field).append(": ");
        }
        return s.toString();
    }
}
