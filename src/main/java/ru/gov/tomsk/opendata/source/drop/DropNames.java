package ru.gov.tomsk.opendata.source.drop;

/**
 * The names a file drop gives the files it keeps beside a dropped one: where a refused file goes, the reason file
 * written for it, and the reason file a re-queued file takes back into the drop directory with it.
 */
public final class DropNames {

    /** Folder of a drop's directory that refused files move to ({@code moveFailed} of the Kamelets). */
    public static final String ERROR_DIR = ".error";
    /** Suffix of the reason file written beside a refused file in {@value #ERROR_DIR}. */
    public static final String REASON_SUFFIX = ".error.txt";

    private DropNames() {
    }

    /** {@code organisations.csv.error.txt}: the reason file of a refused file in {@value #ERROR_DIR}. */
    public static String reason(String name) {
        return name + REASON_SUFFIX;
    }

    /**
     * {@code .organisations.csv.error.txt}: the reason file of a re-queued file, beside it in the drop directory. The
     * leading dot keeps it from being read as a drop itself: the file consumers never read a name that starts with
     * one, whatever the feed's {@code include} says.
     */
    public static String requeuedReason(String name) {
        return "." + reason(name);
    }

    /** Whether {@code name} is a reason file rather than a refused file. */
    public static boolean isReason(String name) {
        return name.endsWith(REASON_SUFFIX);
    }
}
