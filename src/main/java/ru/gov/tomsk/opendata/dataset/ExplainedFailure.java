package ru.gov.tomsk.opendata.dataset;

/**
 * A failure that can say in plain Russian what went wrong and what to do, for the department whose run it ended;
 * its message stays the technical detail, in English, for the log. Implemented by the failures of the service's own
 * readers (a missing column, a refused file, an HTTP source); the failures of libraries (a refused connection) are
 * explained by their type instead.
 */
public interface ExplainedFailure {

    /** A whole sentence or two: what is wrong and what to do. */
    String russian();
}
