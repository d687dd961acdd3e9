package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.UserInfo;
import org.springframework.stereotype.Component;

/**
 * {@code kind: sftp}: uploads to the portal's SSH server (see {@link RemoteTarget} for the order and the
 * temporary names). JSch, the SSH library the {@code sftp} source kind uses through Camel, so the service has one.
 * Host-key checking is strict by default: an unknown or changed key is refused, and the delivery says which key
 * and which file. JSch asks the server for the host-key types {@code known_hosts} holds for it first, as OpenSSH
 * does, and renames with {@code posix-rename@openssh.com} where the server offers it, replacing the target file in
 * one step. A server without it gets remove-then-rename for files that exist ({@code meta.*}, {@code list.*}): a
 * reader may then miss the file for a moment, but never sees half of it.
 *
 * <p>Client keys of type ed25519, ecdsa and rsa log in, in OpenSSH or PEM format, encrypted or not; host keys of
 * every type OpenSSH offers are accepted when {@code known_hosts} holds them. A failure says which it is: a host
 * key not accepted, a key exchange with no common algorithm, no answer, or a refused login.
 */
final class SftpTarget extends RemoteTarget {

    SftpTarget(String name, PublishProperties.Remote remote, TargetRegistry registry) {
        super(name, "sftp", 22, remote, registry);
    }

    @Override
    Session open() throws IOException {
        JSch jsch = new JSch();
        KnownHostKeys hostKeys = new KnownHostKeys(jsch);
        com.jcraft.jsch.Session session = null;
        try {
            if (remote.privateKeyFile() != null) {
                addKey(jsch);
            }
            session = jsch.getSession(remote.username(), remote.host(), port);
            session.setHostKeyRepository(hostKeys);
            // the repository decides; "yes" makes JSch refuse whatever it does not accept, and never write known_hosts
            session.setConfig("StrictHostKeyChecking", "yes");
            // keyboard-interactive: OpenSSH with PAM asks for the password only so; JSch answers its "Password:"
            // prompt with the session's password. GSS-API (Kerberos) is never tried.
            session.setConfig("PreferredAuthentications", "publickey,keyboard-interactive,password");
            if (hasPassword()) {
                session.setPassword(remote.password());
            }
            session.setTimeout(millis(remote.timeout()));
            session.connect(millis(remote.connectTimeout()));
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(millis(remote.connectTimeout()));
            return new SftpSession(session, sftp);
        } catch (JSchException | RuntimeException e) {
            if (session != null) {
                session.disconnect();
            }
            throw failure(e, hostKeys.refused);
        }
    }

    private boolean hasPassword() {
        return remote.password() != null && !remote.password().isEmpty();
    }

    /** What went wrong while connecting, in terms of what to check; never with a secret. */
    private IOException failure(Exception e, String refusedHostKey) {
        String server = remote.host() + ":" + port;
        if (refusedHostKey != null) {
            return new IOException("host key " + refusedHostKey + " of " + server + " is not accepted by "
                    + remote.knownHostsFile() + " (" + key(name(), "known-hosts-file") + "; add it with ssh-keyscan"
                    + " after checking it, or set " + key(name(), "strict-host-key-checking") + ": false)", e);
        }
        if (e instanceof JSchAlgoNegoFailException nego) {
            // the two sides share no algorithm: nothing about the login or the host key's trust, so say so
            return new IOException("key exchange with " + server + " failed, before any login: no common "
                    + nego.getAlgorithmName() + " algorithm (client: " + nego.getJSchProposal() + ", server: "
                    + nego.getServerProposal() + ")", e);
        }
        if (e instanceof IOException io) {
            return io;
        }
        String message = describe(e);
        if (message.startsWith("Auth fail")) {
            return new IOException("login refused for user '" + remote.username() + "' by " + server + " (check "
                    + key(name(), remote.privateKeyFile() != null ? "private-key-file" : "password") + "): "
                    + message, e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                // a slow or stalled server is not a refusal: nothing is wrong with the credentials
                return new IOException("no answer from " + server + " within " + remote.connectTimeout() + " ("
                        + key(name(), "connect-timeout") + "): " + message, e);
            }
        }
        return new IOException(message, e);
    }

    /**
     * The client key: OpenSSH ({@code BEGIN OPENSSH PRIVATE KEY}) or PEM (PKCS#1 {@code BEGIN RSA PRIVATE KEY},
     * SEC1 {@code BEGIN EC PRIVATE KEY}, PKCS#8 {@code BEGIN PRIVATE KEY} / {@code BEGIN ENCRYPTED PRIVATE KEY}),
     * of type ed25519, ecdsa or rsa, encrypted or not. Loaded and decrypted here first, so that a key that cannot
     * be used is reported as that rather than as a refused login.
     */
    private void addKey(JSch jsch) throws IOException {
        Path file = remote.privateKeyFile();
        String passphrase = remote.privateKeyPassphrase();
        String prefix = file + ": cannot read the private key (" + key(name(), "private-key-file") + "): ";
        String passphraseSetting = key(name(), "private-key-passphrase");
        byte[] bytes;
        try {
            bytes = KeyFiles.forJsch(file, passphrase);
        } catch (KeyFiles.PassphraseException e) {
            throw new IOException(prefix + passphraseProblem(e.missing, passphraseSetting), e);
        }
        KeyPair key;
        try {
            key = KeyPair.load(jsch, bytes, null);
        } catch (JSchException e) {
            throw new IOException(prefix + redact(describe(e), passphrase) + " (expected an OpenSSH or PEM ed25519,"
                    + " ecdsa or rsa key)", e);
        }
        boolean encrypted = key.isEncrypted();
        try {
            boolean missing = passphrase == null || passphrase.isEmpty();
            if (encrypted && (missing || !key.decrypt(passphrase.getBytes(StandardCharsets.UTF_8)))) {
                throw new IOException(prefix + passphraseProblem(missing, passphraseSetting));
            }
        } finally {
            key.dispose();
        }
        try {
            jsch.addIdentity(file.toString(), bytes, null, encrypted ? passphrase.getBytes(StandardCharsets.UTF_8) : null);
        } catch (JSchException e) {
            throw new IOException(prefix + redact(describe(e), passphrase), e);
        }
    }

    private static String passphraseProblem(boolean missing, String passphraseSetting) {
        return missing ? "the key is encrypted and " + passphraseSetting + " is not set"
                : "the key is encrypted and " + passphraseSetting + " does not decrypt it: not its passphrase?";
    }

    private static String redact(String message, String secret) {
        return secret == null || secret.isEmpty() ? message : message.replace(secret, "***");
    }

    private static int millis(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /** {@code ssh-ed25519 SHA256:…}, as OpenSSH shows a key. */
    private static String fingerprint(String type, byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return type + " SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The target's {@code known-hosts-file} as the only judge of host keys: a known key is accepted; an unknown one
     * only without strict checking; a changed one never. It never writes the file, and it remembers the key it
     * refused, for the message.
     */
    private final class KnownHostKeys implements HostKeyRepository {

        private final HostKeyRepository known;
        private volatile String refused;

        KnownHostKeys(JSch jsch) throws IOException {
            Path file = remote.knownHostsFile();
            if (file != null) {
                if (!Files.isReadable(file)) {
                    throw new IOException(key(name(), "known-hosts-file") + " " + file + " is not a readable file");
                }
                try {
                    jsch.setKnownHosts(file.toString());
                } catch (JSchException e) {
                    throw new IOException(file + ": cannot read the known hosts (" + key(name(), "known-hosts-file")
                            + "): " + describe(e), e);
                }
            }
            this.known = file == null ? null : jsch.getHostKeyRepository();
        }

        @Override
        public int check(String host, byte[] key) {
            int result = known == null ? NOT_INCLUDED : known.check(host, key);
            if (result == OK || result == NOT_INCLUDED && !remote.strictHostKeyChecking()) {
                return OK;
            }
            String type;
            try {
                type = new HostKey(host, key).getType();
            } catch (JSchException e) {
                type = "unknown-type";
            }
            refused = fingerprint(type, key);
            return result;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // known_hosts is the operator's: never changed by the service
        }

        @Override
        public void remove(String host, String type) {
        }

        @Override
        public void remove(String host, String type, byte[] key) {
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return known == null ? null : known.getKnownHostsRepositoryID();
        }

        @Override
        public HostKey[] getHostKey() {
            return known == null ? new HostKey[0] : known.getHostKey();
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return known == null ? new HostKey[0] : known.getHostKey(host, type);
        }
    }

    private static boolean isNoSuchFile(SftpException e) {
        return e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE;
    }

    private static IOException failed(String what, String path, SftpException e) {
        return new IOException("cannot " + what + " " + path + ": " + describe(e), e);
    }

    private static final class SftpSession implements Session {
        private final com.jcraft.jsch.Session session;
        private final ChannelSftp sftp;
        private final boolean posixRename;

        SftpSession(com.jcraft.jsch.Session session, ChannelSftp sftp) {
            this.session = session;
            this.sftp = sftp;
            this.posixRename = "1".equals(sftp.getExtension("posix-rename@openssh.com"));
        }

        @Override
        public Map<String, Long> list(String dir) throws IOException {
            Map<String, Long> files = new TreeMap<>();
            try {
                for (ChannelSftp.LsEntry entry : sftp.ls(dir.isEmpty() ? "." : dir)) {
                    if (entry.getAttrs().isReg()) {
                        files.put(entry.getFilename(), entry.getAttrs().getSize());
                    }
                }
            } catch (SftpException e) {
                if (!isNoSuchFile(e)) {
                    throw failed("list", dir, e);
                }
            }
            return files;
        }

        @Override
        public void mkdirs(String dir) throws IOException {
            for (String path : pathsDown(dir)) {
                try {
                    SftpATTRS attributes = sftp.stat(path);
                    if (!attributes.isDir()) {
                        throw new IOException(path + " is not a directory");
                    }
                } catch (SftpException e) {
                    if (!isNoSuchFile(e)) {
                        throw failed("look at", path, e);
                    }
                    try {
                        sftp.mkdir(path);
                    } catch (SftpException notMade) {
                        throw failed("create the directory", path, notMade);
                    }
                }
            }
        }

        @Override
        public byte[] read(String path) throws IOException {
            try (InputStream in = sftp.get(path)) {
                return in.readAllBytes();
            } catch (SftpException e) {
                if (isNoSuchFile(e)) {
                    return null;
                }
                throw failed("read", path, e);
            }
        }

        @Override
        public void upload(String path, InputStream content) throws IOException {
            try {
                sftp.put(content, path, ChannelSftp.OVERWRITE);
            } catch (SftpException e) {
                throw failed("upload", path, e);
            }
        }

        @Override
        public void rename(String from, String to) throws IOException {
            try {
                if (!posixRename) {
                    // plain SFTP v3 rename does not replace: remove the old file first (a reader may miss it for a moment)
                    delete(to);
                }
                sftp.rename(from, to);
            } catch (SftpException e) {
                throw failed("rename " + from + " to", to, e);
            }
        }

        @Override
        public void delete(String path) throws IOException {
            try {
                sftp.rm(path);
            } catch (SftpException e) {
                if (!isNoSuchFile(e)) {
                    throw failed("delete", path, e);
                }
            }
        }

        @Override
        public void close() {
            try {
                sftp.disconnect();
            } finally {
                session.disconnect();
            }
        }
    }

    @Component
    static final class Kind extends RemoteKind {

        Kind(TargetRegistry registry) {
            super("sftp", "SFTP server", "host, username, password or private-key-file, known-hosts-file, directory", registry);
        }

        @Override
        DeliveryTarget create(String name, PublishProperties.Remote remote) {
            if ((remote.password() == null || remote.password().isEmpty()) && remote.privateKeyFile() == null) {
                throw new IllegalArgumentException(key(name, "password") + " or " + key(name, "private-key-file")
                        + " is missing: how to log in");
            }
            if (remote.privateKeyFile() != null && !Files.isReadable(remote.privateKeyFile())) {
                throw new IllegalArgumentException(key(name, "private-key-file") + " " + remote.privateKeyFile()
                        + " is not a readable file");
            }
            if (remote.strictHostKeyChecking() && remote.knownHostsFile() == null) {
                throw new IllegalArgumentException(key(name, "known-hosts-file") + " is missing: the server's host key "
                        + "(strict-host-key-checking is on)");
            }
            return new SftpTarget(name, remote, registry);
        }
    }
}
