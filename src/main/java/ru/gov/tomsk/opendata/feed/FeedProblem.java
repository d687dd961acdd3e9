package ru.gov.tomsk.opendata.feed;

import java.nio.file.Path;

/**
 * One thing wrong with a feed file, located precisely enough for a department to fix it.
 *
 * @param line   1-based, 0 if unknown
 * @param column 1-based, 0 if unknown
 * @param field  dotted path of the property, e.g. {@code structure.fields[2].type}; empty for the whole file
 */
public record FeedProblem(Path file, int line, int column, String field, String message) {

    @Override
    public String toString() {
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
        return s.append(message).toString();
    }
}
