package ru.gov.tomsk.opendata;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A start stopped by one of the service's own checks of its settings (an {@link IllegalStateException} or
 * {@link IllegalArgumentException} thrown by this project's code: a demo password outside the demo profile, an
 * account without roles, an unknown target kind, a node that already runs, …). Their messages already name the
 * setting and what to do, so the report is that message, and no stack trace: the trace says nothing an operator
 * can act on.
 */
class StartRefusalAnalyzer implements FailureAnalyzer {

    private static final String OWN_CODE = OpendataBridgeApplication.class.getPackageName() + ".";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if ((cause instanceof IllegalStateException || cause instanceof IllegalArgumentException) && thrownByUs(cause)
                    && cause.getMessage() != null) {
                return new FailureAnalysis(cause.getMessage().replaceFirst("^Refusing to start: ", ""),
                        "Correct the setting in config/application.yml or in its environment variable, then start again. "
                                + "The README's \"Configuration reference\" lists each setting.", cause);
            }
        }
        return null;
    }

    private static boolean thrownByUs(Throwable cause) {
        StackTraceElement[] trace = cause.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(OWN_CODE);
    }
}
