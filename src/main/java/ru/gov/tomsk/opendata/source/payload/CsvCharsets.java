package ru.gov.tomsk.opendata.source.payload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Which charset a CSV payload is in. Departments export from Russian Excel (Windows-1251, no BOM), from
 * LibreOffice or scripts (UTF-8) and from Excel's "CSV UTF-8" (UTF-8 with a BOM); nothing in the file says
 * which, so the bytes decide: a BOM, else whether the first {@value #SAMPLE_BYTES} bytes are valid UTF-8 (text
 * in Windows-1251 Cyrillic practically never is), else Windows-1251.
 */
final class CsvCharsets {

    static final int SAMPLE_BYTES = 64 * 1024;
    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private CsvCharsets() {
    }

    /**
     * The charset of the payload (the explicit one when given), leaving {@code in} positioned after a UTF-8
     * byte order mark so that the BOM never becomes part of the first column's name.
     */
    static Charset resolve(BufferedInputStream in, Charset explicit, String sourceName) throws IOException {
        in.mark(SAMPLE_BYTES + 1);
        byte[] sample = in.readNBytes(SAMPLE_BYTES);
        boolean wholeFile = sample.length < SAMPLE_BYTES || in.read() == -1;
        in.reset();
        if (startsWith(sample, 0xFF, 0xFE) || startsWith(sample, 0xFE, 0xFF)) {
            throw new PayloadException(sourceName + ": the file is in UTF-16 (it starts with a UTF-16 byte order"
                    + " mark); save it as CSV in UTF-8 or Windows-1251");
        }
        boolean utf8Bom = startsWith(sample, 0xEF, 0xBB, 0xBF);
        Charset charset;
        if (explicit != null) {
            if (utf8Bom && !explicit.equals(StandardCharsets.UTF_8)) {
                // the BOM proves UTF-8; decoding it as anything else would garble every Cyrillic letter
                throw new PayloadException(sourceName + ": the file starts with a UTF-8 byte order mark but the"
                        + " feed sets charset " + explicit.name().toLowerCase() + "; set charset: utf-8 or auto");
            }
            charset = explicit;
        } else {
            charset = utf8Bom || isUtf8(sample, wholeFile) ? StandardCharsets.UTF_8 : WINDOWS_1251;
        }
        if (utf8Bom) {
            in.skipNBytes(3);
        }
        return charset;
    }

    /** A decoder that fails on bytes the charset cannot decode, rather than silently inserting U+FFFD. */
    static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Whether the sample decodes as UTF-8. When it is only the head of the file, a multi-byte character cut at
     * the sample's end is not an error.
     */
    static boolean isUtf8(byte[] sample, boolean wholeFile) {
        CharsetDecoder decoder = strictDecoder(StandardCharsets.UTF_8);
        CharBuffer chars = CharBuffer.allocate(sample.length + 1);
        ByteBuffer bytes = ByteBuffer.wrap(sample);
        if (decoder.decode(bytes, chars, wholeFile).isError()) {
            return false;
        }
        return !wholeFile || !decoder.flush(chars).isError();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
