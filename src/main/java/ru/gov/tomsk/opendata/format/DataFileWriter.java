package ru.gov.tomsk.opendata.format;

import java.io.IOException;

/**
 * A data file written one record at a time, so that a dataset of any size passes through in
 * constant memory and all formats of one data version can be fed from a single read of the source.
 *
 * <p>{@link #finish()} returns the SHA-256 of the bytes written because {@link CsvDataWriter} already
 * had that contract (its fingerprint decides whether the content changed); giving every format the
 * same answer keeps the interface free of "null for the others" and lets a publisher record a
 * checksum per published file at no second pass.
 */
public interface DataFileWriter extends AutoCloseable {

    /** One record: canonical text per structure field, in field order, {@code null} for no value. */
    void write(String[] values) throws IOException;

    /** Completes the document, closes the stream and returns the SHA-256 of everything written, in hex. */
    String finish() throws IOException;

    /** Closes the stream without completing the document (for the failure path); idempotent. */
    @Override
    void close() throws IOException;
}
