package ru.gov.tomsk.opendata.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * Streams the CSV data file, record by record, and fingerprints its bytes on the way out, so the
 * dataset is never held in memory and "did the content change?" costs no second pass.
 */
public final class CsvDataWriter implements DataFileWriter {

    private final MessageDigest digest;
    private final CsvWriter csv;
    private boolean closed;

    public CsvDataWriter(OutputStream out, Structure structure) throws IOException {
        this.digest = sha256();
        this.csv = new CsvWriter(new BufferedWriter(
                new OutputStreamWriter(new DigestOutputStream(out, digest), StandardCharsets.UTF_8), 64 * 1024));
        csv.row(structure.fieldNames());
    }

    public void write(String[] values) throws IOException {
        csv.row(values);
    }

    /** Closes the file and returns the SHA-256 of everything written, in hex. */
    public String finish() throws IOException {
        close();
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            csv.close();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public static String fingerprint(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }
}
