package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** What a private key file is, read without decrypting it: enough to tell an operator which setting to check. */
final class KeyFiles {

    /** Key files are a few kilobytes; a larger file is not one, and only this much of it is read. */
    private static final int MAX_READ = 64 * 1024;
    private static final String OPENSSH_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String OPENSSH_END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private KeyFiles() {
    }

    /**
     * Whether the key is protected by a passphrase: PKCS#8 {@code BEGIN ENCRYPTED PRIVATE KEY}, OpenSSL's
     * {@code Proc-Type: 4,ENCRYPTED} in PKCS#1/SEC1 PEM, or an OpenSSH key whose cipher is not {@code none}.
     * False for a file that cannot be read or is none of these.
     */
    static boolean isEncrypted(Path file) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readNBytes(MAX_READ), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return false;
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED")) {
            return true;
        }
        int begin = text.indexOf(OPENSSH_BEGIN);
        int end = text.indexOf(OPENSSH_END);
        if (begin < 0 || end < begin) {
            return false;
        }
        try {
            ByteBuffer key = ByteBuffer.wrap(Base64.getMimeDecoder().decode(text.substring(begin + OPENSSH_BEGIN.length(), end)));
            byte[] magic = new byte[OPENSSH_MAGIC.length];
            key.get(magic);
            if (!java.util.Arrays.equals(magic, OPENSSH_MAGIC)) {
                return false;
            }
            byte[] cipher = new byte[key.getInt()];
            key.get(cipher);
            return !"none".equals(new String(cipher, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            return false;
        }
    }
}
