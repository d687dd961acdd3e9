package ru.gov.tomsk.opendata.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What the data writers that hash through a {@link FingerprintedStream} share: {@link #finish()} completes the
 * document, closes it and answers the hash; {@link #close()} closes it once, on either path.
 */
abstract class FingerprintedDataWriter implements DataFileWriter {

    final FingerprintedStream out;
    private boolean closed;

    FingerprintedDataWriter(OutputStream out) {
        this.out = new FingerprintedStream(out);
    }

    /** Writes what completes the document after the last record. */
    abstract void end() throws IOException;

    /** Closes the writer over {@link #out} (and with it the stream). */
    abstract void closeOutput() throws IOException;

    @Override
    public final String finish() throws IOException {
        end();
        close();
        return out.hex();
    }

    @Override
    public final void close() throws IOException {
        if (!closed) {
            closed = true;
            closeOutput();
        }
    }
}
