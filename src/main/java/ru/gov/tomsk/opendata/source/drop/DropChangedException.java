package ru.gov.tomsk.opendata.source.drop;

import java.io.IOException;

/**
 * The dropped file was not the same while it was read as when it was found complete: it shrank, grew or was
 * rewritten. Its run fails, but the file is neither moved nor remembered as processed; a later run reads it again.
 */
public class DropChangedException extends IOException {

    public DropChangedException(String message) {
        super(message);
    }
}
