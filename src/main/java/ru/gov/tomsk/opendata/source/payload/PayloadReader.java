package ru.gov.tomsk.opendata.source.payload;

import java.io.InputStream;

/**
 * Turns a payload (a dropped file, an HTTP response body) into records for {@code direct:dataset}, streaming:
 * memory does not grow with the number of records.
 */
public interface PayloadReader {

    /**
     * Longest single value (field, cell, element text) a payload may carry. A longer one is almost always a
     * broken file (an unclosed quote swallowing the rest of a CSV) and would otherwise cost unbounded memory.
     */
    int MAX_VALUE_CHARS = 1_000_000;

    /**
     * Starts reading. Problems with the head of the payload (charset, header, path, sheet) are reported here,
     * the rest as the records are iterated.
     *
     * @param in         the payload; the returned stream owns it and closes it (so does a failed open)
     * @param sourceName what messages call the payload, usually its file name
     * @throws PayloadException when the payload cannot be read as records
     */
    RecordStream open(InputStream in, String sourceName);
}
