package ru.gov.tomsk.opendata.format;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.util.HexFormat;

/** Hashes the bytes on their way out, so that {@link DataFileWriter#finish()} costs no second pass. */
final class FingerprintedStream extends DigestOutputStream {

    FingerprintedStream(OutputStream out) {
        super(out, CsvDataWriter.sha256());
    }

    /** SHA-256 of everything written so far, in hex; call once, after the last byte. */
    String hex() {
        return HexFormat.of().formatHex(getMessageDigest().digest());
    }
}
