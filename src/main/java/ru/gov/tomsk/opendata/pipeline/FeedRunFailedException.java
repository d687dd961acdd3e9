package ru.gov.tomsk.opendata.pipeline;

/** A run that failed inside the pipeline; it is already recorded in the run log. */
public class FeedRunFailedException extends RuntimeException {

    public FeedRunFailedException(String feedId, Throwable cause) {
        super("feed " + feedId + " failed: " + describe(cause), cause);
    }

    /** The most telling message of a cause chain, for operators. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        if (root == error || root.getMessage() == null || top.contains(root.getMessage())) {
            return top;
        }
        return top + " (cause: " + root.getMessage() + ")";
    }
}
