package ru.gov.tomsk.opendata.feed;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A feed file that cannot be used, with every problem found in it. */
public class InvalidFeedException extends Exception {

    private final Path file;
    private final List<FeedProblem> problems;

    public InvalidFeedException(Path file, List<FeedProblem> problems) {
        super(problems.stream().map(FeedProblem::toString).collect(Collectors.joining("\n")));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<FeedProblem> problems() {
        return problems;
    }

    /** Every problem on its own line, each in Russian first and then in English, for the department's views. */
    public String forDepartment() {
        return problems.stream().map(FeedProblem::departmentLine).collect(Collectors.joining("\n"));
    }

    /**
     * Every problem on one line, each still starting with its file:line:column, for the log: one event is one line,
     * so that {@code grep ERROR} keeps the location with the message.
     */
    public String oneLine() {
        return problems.stream().map(FeedProblem::toString).collect(Collectors.joining(" | "));
    }
}
