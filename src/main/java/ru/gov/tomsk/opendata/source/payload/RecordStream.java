package ru.gov.tomsk.opendata.source.payload;

import java.util.Iterator;
import java.util.Map;

/**
 * Records of one payload, read as they are iterated: each a map of source column to raw text value (or
 * {@code null} for no value), columns in source order. {@link #hasNext()} and {@link #next()} throw
 * {@link PayloadException} for bad data and {@link java.io.UncheckedIOException} when the input itself fails.
 * Closing releases the input stream handed to {@link PayloadReader#open} (and any temporary file).
 */
public interface RecordStream extends Iterator<Map<String, Object>>, AutoCloseable {

    /** Narrowed from {@link AutoCloseable}: nothing to handle when the records are given up. */
    @Override
    void close();
}
