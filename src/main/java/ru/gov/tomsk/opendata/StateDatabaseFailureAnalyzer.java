package ru.gov.tomsk.opendata;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * The state database ({@code spring.datasource.url}) cannot be reached at start-up: a connection failure (SQL state
 * class 08: refused, unknown host, authentication) or an H2 file another process holds. Said with the URL, without
 * user or password, and what to check.
 */
class StateDatabaseFailureAnalyzer implements FailureAnalyzer {

    /** H2: "Database may be already in use". */
    private static final int H2_DATABASE_IN_USE = 90020;

    private final Environment environment;

    StateDatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || sql.getErrorCode() == H2_DATABASE_IN_USE)) {
                String url = environment.getProperty("spring.datasource.url", "(spring.datasource.url is not set)")
                        .replaceAll("(?i)(password|user)=[^;&]*", "$1=***");
                return new FailureAnalysis("The state database cannot be reached: " + url + "\n    " + firstLine(sql.getMessage()),
                        "Check that the database runs and accepts connections from this host, and spring.datasource.url, "
                                + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD. An H2 file in use: another "
                                + "instance runs on the same data/ directory; stop it.", cause);
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
