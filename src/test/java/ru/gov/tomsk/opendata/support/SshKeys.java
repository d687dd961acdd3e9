package ru.gov.tomsk.opendata.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * SSH keys made at test time, so no private key is ever committed: the key types {@code ssh-keygen} makes
 * (ed25519, its default today; ecdsa; rsa) written in the files operators have, as {@code ssh-keygen} writes them
 * ({@code -m RFC4716} is the OpenSSH format, {@code -m PEM}, {@code -m PKCS8}), with or without a passphrase.
 */
public final class SshKeys {

    public enum Type {
        ED25519(KeyPairProvider.SSH_ED25519, 256),
        ECDSA(KeyPairProvider.ECDSA_SHA2_NISTP256, 256),
        // 2048 rather than ssh-keygen's 3072: the same code path, generated in a fraction of the time
        RSA(KeyPairProvider.SSH_RSA, 2048);

        final String keyType;
        final int bits;

        Type(String keyType, int bits) {
            this.keyType = keyType;
            this.bits = bits;
        }

        public KeyPair generate() throws GeneralSecurityException {
            return KeyUtils.generateKeyPair(keyType, bits);
        }
    }

    public enum Format {
        /** {@code -----BEGIN OPENSSH PRIVATE KEY-----}: ssh-keygen's default; bcrypt-pbkdf and aes256-ctr when encrypted. */
        OPENSSH,
        /**
         * {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1) or {@code -----BEGIN EC PRIVATE KEY-----} (SEC1); when
         * encrypted, OpenSSL's {@code Proc-Type: 4,ENCRYPTED} with AES-128-CBC, as {@code ssh-keygen -m PEM} writes it.
         * There is no such format for ed25519.
         */
        PEM,
        /** {@code -----BEGIN PRIVATE KEY-----}, or {@code -----BEGIN ENCRYPTED PRIVATE KEY-----} (PBES2, AES-256-CBC). */
        PKCS8
    }

    private SshKeys() {
    }

    /** Writes the key's private part to {@code file} in {@code format}, encrypted when a passphrase is given. */
    public static Path write(KeyPair key, Format format, String passphrase, Path file) throws Exception {
        switch (format) {
            case OPENSSH -> {
                OpenSSHKeyEncryptionContext encryption = null;
                if (passphrase != null) {
                    encryption = new OpenSSHKeyEncryptionContext();
                    encryption.setPassword(passphrase);
                    encryption.setCipherName("AES");
                    encryption.setCipherType("256");
                    encryption.setCipherMode("CTR");
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "opendata@test", encryption, out);
                }
            }
            case PEM -> {
                JcePEMEncryptorBuilder encryptor = new JcePEMEncryptorBuilder("AES-128-CBC").setSecureRandom(new SecureRandom());
                pem(file, new JcaMiscPEMGenerator(key.getPrivate(),
                        passphrase == null ? null : encryptor.build(passphrase.toCharArray())));
            }
            case PKCS8 -> pem(file, new JcaPKCS8Generator(key.getPrivate(), passphrase == null ? null : pkcs8(passphrase)));
        }
        return file;
    }

    private static OutputEncryptor pkcs8(String passphrase) throws OperatorCreationException {
        return new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setPRF(PKCS8Generator.PRF_HMACSHA256).setIterationCount(2048).setRandom(new SecureRandom())
                .setPassword(passphrase.toCharArray()).build();
    }

    private static void pem(Path file, org.bouncycastle.util.io.pem.PemObjectGenerator generator) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(generator);
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    /** The first line of a key file, e.g. {@code -----BEGIN OPENSSH PRIVATE KEY-----}. */
    public static String header(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.US_ASCII).get(0);
    }
}
