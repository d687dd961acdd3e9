package ru.gov.tomsk.opendata.catalog;

/** Row counters of a run; mutable because the pipeline counts as it streams. */
public final class RunCounts {

    private long read;
    private long written;
    private long rejected;

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
}
