package ru.gov.tomsk.opendata.source.drop;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A dropped file's bytes, counted: at the end of the stream they must be as many as the file had when it was found
 * complete, else the file changed while it was read and reading fails with a {@link DropChangedException} before
 * anything from it can be published.
 */
final class VerifiedDropStream extends FilterInputStream {

    /** Checks the file once all of it was read; throws when it changed. */
    @FunctionalInterface
    interface AtEnd {
        void check(long bytesRead) throws DropChangedException;
    }

    private final AtEnd atEnd;
    private long count;
    private boolean checked;

    VerifiedDropStream(InputStream in, AtEnd atEnd) {
        super(in);
        this.atEnd = atEnd;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            end();
        } else {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            end();
        } else {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        // a reset would make the count meaningless
        return false;
    }

    private void end() throws DropChangedException {
        if (!checked) {
            checked = true;
            atEnd.check(count);
        }
    }
}
