package ru.gov.tomsk.opendata.catalog;

import ru.gov.tomsk.opendata.dataset.TextCleanup;

/** Row counters of a run, and what its text clean-up changed; mutable because the pipeline counts as it streams. */
public final class RunCounts {

    private final TextCleanup cleanup;
    private long read;
    private long written;
    private long rejected;

    /** For a run that fails before it reads any record. */
    public RunCounts() {
        this(TextCleanup.none());
    }

    public RunCounts(TextCleanup cleanup) {
        this.cleanup = cleanup;
    }

    public void countRead() {
        read++;
    }

    public void countWritten() {
        written++;
    }

    public void countRejected() {
        rejected++;
    }

    public long read() {
        return read;
    }

    public long written() {
        return written;
    }

    public long rejected() {
        return rejected;
    }

    /** Per field and kind, the published values the text clean-up changed. */
    public TextCleanup cleanup() {
        return cleanup;
    }
}
