package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A private key file as JSch can read it. JSch reads OpenSSH keys and PKCS#1/SEC1 PEM, encrypted or not, itself;
 * PKCS#8 it reads only in part: it derives the key of an encrypted one from the passphrase taken byte by byte as
 * Latin-1 (so a passphrase with Cyrillic letters never decrypts it), and it does not read the PKCS#8 v2 form
 * (RFC 5958, the public key attached) that Bouncy Castle and Java tools write for ed25519. Those are decrypted here
 * with Bouncy Castle, which takes the passphrase as UTF-8 like OpenSSL, and handed over as plain PKCS#8 v1.
 */
final class KeyFiles {

    private static final String PKCS8 = "-----BEGIN PRIVATE KEY-----";
    private static final String ENCRYPTED_PKCS8 = "-----BEGIN ENCRYPTED PRIVATE KEY-----";

    /** The passphrase is needed and missing, or does not decrypt the key: the operator's setting to check. */
    static final class PassphraseException extends IOException {
        final boolean missing;

        PassphraseException(boolean missing, Throwable cause) {
            super(missing ? "the key is encrypted and no passphrase is set" : "the passphrase does not decrypt the key", cause);
            this.missing = missing;
        }
    }

    private KeyFiles() {
    }

    /**
     * The key's bytes for {@code JSch.addIdentity}: an encrypted PKCS#8 key decrypted (so JSch gets no passphrase
     * for it), any PKCS#8 key in its v1 form, every other file as it is.
     */
    static byte[] forJsch(Path file, String passphrase) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains(PKCS8) && !text.contains(ENCRYPTED_PKCS8)) {
            return bytes;
        }
        Object parsed;
        try (PEMParser pem = new PEMParser(new StringReader(text))) {
            parsed = pem.readObject();
        }
        PrivateKeyInfo key;
        if (parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            if (passphrase == null || passphrase.isEmpty()) {
                throw new PassphraseException(true, null);
            }
            try {
                key = encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().build(passphrase.toCharArray()));
            } catch (PKCSException | OperatorCreationException | RuntimeException e) {
                throw new PassphraseException(false, e);
            }
        } else if (parsed instanceof PrivateKeyInfo plain) {
            key = plain;
        } else {
            return bytes; // not a key Bouncy Castle knows either: JSch says what it makes of it
        }
        PrivateKeyInfo v1 = new PrivateKeyInfo(key.getPrivateKeyAlgorithm(), key.parsePrivateKey());
        String pem = PKCS8 + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(v1.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
