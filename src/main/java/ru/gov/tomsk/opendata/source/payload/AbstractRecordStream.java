package ru.gov.tomsk.opendata.source.payload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.NoSuchElementException;

/** The iterator protocol over a "read one record or null" method, so each reader only has to parse. */
abstract class AbstractRecordStream implements RecordStream {

    private final String sourceName;
    private Map<String, Object> ahead;
    private boolean finished;
    private boolean closed;

    AbstractRecordStream(String sourceName) {
        this.sourceName = sourceName;
    }

    /** The next record, or {@code null} when there are no more. */
    protected abstract Map<String, Object> read() throws IOException;

    /** Frees the input; called once. */
    protected abstract void release() throws IOException;

    @Override
    public final boolean hasNext() {
        if (ahead == null && !finished && !closed) {
            try {
                ahead = read();
            } catch (IOException e) {
                throw new UncheckedIOException(sourceName + ": cannot read the payload: " + e.getMessage(), e);
            }
            finished = ahead == null;
        }
        return ahead != null;
    }

    @Override
    public final Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException(sourceName + ": no more records");
        }
        Map<String, Object> record = ahead;
        ahead = null;
        return record;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        ahead = null;
        try {
            release();
        } catch (IOException e) {
            throw new UncheckedIOException(sourceName + ": cannot close the payload: " + e.getMessage(), e);
        }
    }

    protected final String sourceName() {
        return sourceName;
    }
}
