package ru.gov.tomsk.opendata.support;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.function.LongFunction;

/**
 * A text file made line by line as it is read, so that a test of a large input holds none of it in memory: a header
 * line, then line 1, 2, … from a function of the line's number, until a number of lines or of bytes is reached.
 */
public final class GeneratedLines extends InputStream {

    private final Charset charset;
    private final LongFunction<String> line;
    private final long maxLines;
    private final long minBytes;
    private byte[] chunk;
    private int position;
    private long lines;
    private long sent;

    private GeneratedLines(String header, Charset charset, LongFunction<String> line, long maxLines, long minBytes) {
        this.charset = charset;
        this.line = line;
        this.maxLines = maxLines;
        this.minBytes = minBytes;
        this.chunk = header.getBytes(charset);
    }

    /** Exactly {@code count} lines after the header. */
    public static GeneratedLines lines(String header, Charset charset, long count, LongFunction<String> line) {
        return new GeneratedLines(header, charset, line, count, Long.MAX_VALUE);
    }

    /** Lines after the header until at least {@code bytes} bytes have been read in all (the last line is whole). */
    public static GeneratedLines atLeast(long bytes, String header, Charset charset, LongFunction<String> line) {
        return new GeneratedLines(header, charset, line, Long.MAX_VALUE, bytes);
    }

    /** Lines made so far, not counting the header. */
    public long lines() {
        return lines;
    }

    /** Bytes read so far. */
    public long sent() {
        return sent;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position == chunk.length) {
            if (lines == maxLines || sent >= minBytes) {
                return -1;
            }
            lines++;
            chunk = line.apply(lines).getBytes(charset);
            position = 0;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        sent += n;
        return n;
    }
}
