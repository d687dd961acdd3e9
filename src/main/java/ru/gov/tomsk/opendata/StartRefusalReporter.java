package ru.gov.tomsk.opendata;

import java.io.PrintStream;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * A refused start, as the operator reads it on the console: a short block, what is wrong and what to change, no
 * stack trace. Spring's own reporter (a log event, which the log pattern folds onto one line) is turned off in
 * application.yml; the log file gets the same text as one ERROR line of {@code ru.gov.tomsk.opendata.StartRefusal}.
 */
class StartRefusalReporter implements FailureAnalysisReporter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("ru.gov.tomsk.opendata.StartRefusal");

    private final PrintStream out;

    StartRefusalReporter() {
        this(System.err);
    }

    StartRefusalReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void report(FailureAnalysis analysis) {
        LOG.error("Refusing to start: {} Action: {}", analysis.getDescription(), analysis.getAction());
        // the analyzers indent their own details; Spring's reporter, which said the same, printed them as they are
        out.println();
        out.println("opendata-bridge did not start.");
        out.println();
        out.println(analysis.getDescription().strip());
        if (analysis.getAction() != null) {
            out.println();
            out.println("What to do: " + analysis.getAction().strip());
        }
        out.println();
        out.flush();
    }
}
