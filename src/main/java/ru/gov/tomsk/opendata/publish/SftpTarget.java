package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.springframework.stereotype.Component;

/**
 * {@code kind: sftp}: uploads to the portal's SSH server (see {@link RemoteTarget} for the order and the
 * temporary names). Apache MINA SSHD's client rather than JSch: its {@link KnownHostsServerKeyVerifier} gives
 * exact control over host-key checking (strict by default: an unknown or changed key is refused, and the
 * delivery says which key and which file), and it offers the {@code posix-rename@openssh.com} extension, which
 * replaces the target file in one step. A server without it gets remove-then-rename for files that exist
 * ({@code meta.*}, {@code list.*}): a reader may then miss the file for a moment, but never sees half of it.
 *
 * <p>Client keys of type ed25519, ecdsa and rsa log in, in OpenSSH or PEM format, encrypted or not; host keys of
 * every type OpenSSH offers are accepted when {@code known_hosts} holds them. A failure says which it is: a host
 * key not accepted, a key exchange with no common algorithm, no answer to the login, or a refused login.
 */
final class SftpTarget extends RemoteTarget {

    private final String targetName;
    private final PublishProperties.Remote remote;
    private final int port;
    private final String directory;

    SftpTarget(String name, PublishProperties.Remote remote, TargetRegistry registry) {
        super(name, remote.directory(), registry);
        this.targetName = name;
        this.remote = remote;
        this.port = remote.port() == null ? 22 : remote.port();
        this.directory = remote.directory() == null ? "" : remote.directory();
    }

    @Override
    String where() {
        return "sftp://" + remote.username() + "@" + remote.host() + ":" + port + (directory.startsWith("/") ? "" : "/") + directory;
    }

    @Override
    Session open() throws IOException {
        AtomicReference<String> rejected = new AtomicReference<>();
        ServerKeyVerifier verifier;
        if (remote.knownHostsFile() != null) {
            ServerKeyVerifier unknown = remote.strictHostKeyChecking() ? RejectAllServerKeyVerifier.INSTANCE
                    : AcceptAllServerKeyVerifier.INSTANCE;
            verifier = new KnownHostsServerKeyVerifier(unknown, remote.knownHostsFile());
        } else {
            verifier = AcceptAllServerKeyVerifier.INSTANCE; // only without strict checking (checked at start-up)
        }
        ServerKeyVerifier recording = (session, address, key) -> {
            boolean ok = verifier.verifyServerKey(session, address, key);
            if (!ok) {
                rejected.set(describe(key));
            }
            return ok;
        };
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(recording);
        client.setSignatureFactories(knownTypesFirst(client.getSignatureFactories()));
        client.start();
        ClientSession session = null;
        try {
            Duration timeout = remote.connectTimeout();
            session = client.connect(remote.username(), remote.host(), port).verify(timeout).getSession();
            if (remote.password() != null && !remote.password().isEmpty()) {
                session.addPasswordIdentity(remote.password());
            }
            if (remote.privateKeyFile() != null) {
                for (KeyPair key : loadKey(session)) {
                    session.addPublicKeyIdentity(key);
                }
            }
            AuthFuture auth = session.auth();
            try {
                auth.verify(timeout);
            } catch (IOException e) {
                if (rejected.get() != null || keyExchangeFailure(e) != null || session.isAuthenticated()) {
                    throw e;
                }
                if (!auth.isDone()) {
                    // a slow or stalled server is not a refusal: nothing is wrong with the credentials
                    throw new IOException("no answer from " + remote.host() + ":" + port + " to the login within "
                            + timeout + " (" + key(targetName, "connect-timeout") + ")", e);
                }
                if (!session.isOpen() || session.isClosing()) {
                    throw new IOException("the connection to " + remote.host() + ":" + port + " was closed during the "
                            + "login: " + describe(e), e);
                }
                throw new IOException("login refused for user '" + remote.username() + "' by " + remote.host() + ":" + port
                        + " (check " + key(targetName, remote.privateKeyFile() != null ? "private-key-file" : "password")
                        + "): " + describe(e), e);
            }
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SftpSession(client, session, sftp);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session, client);
            if (rejected.get() != null) {
                throw new IOException("host key " + rejected.get() + " of " + remote.host() + ":" + port
                        + " is not accepted by " + remote.knownHostsFile() + " (" + key(targetName, "known-hosts-file")
                        + "; add it with ssh-keyscan after checking it, or set " + key(targetName, "strict-host-key-checking")
                        + ": false)", e);
            }
            SshException kex = keyExchangeFailure(e);
            if (kex != null) {
                // the two sides share no algorithm: nothing about the login or the host key's trust, so say so
                throw new IOException("key exchange with " + remote.host() + ":" + port + " failed, before any login: "
                        + describe(kex), e);
            }
            throw e;
        }
    }

    /**
     * The client's signature algorithms with those of the host keys {@code known-hosts-file} holds for this server
     * first, as OpenSSH orders them: a server with several host keys (OpenSSH has ed25519, ecdsa and rsa by default)
     * then shows the one that is known, whichever type it is.
     */
    private List<NamedFactory<Signature>> knownTypesFirst(List<NamedFactory<Signature>> factories) {
        if (remote.knownHostsFile() == null || !Files.isReadable(remote.knownHostsFile())) {
            return factories;
        }
        Set<String> known = new HashSet<>();
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(remote.knownHostsFile())) {
                if (entry.getKeyEntry() != null && entry.getMarker() == null && entry.isHostMatch(remote.host(), port)) {
                    String type = entry.getKeyEntry().getKeyType();
                    known.add(type);
                    known.addAll(KeyUtils.getAllEquivalentKeyTypes(type));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return factories; // the verifier reads the file again and reports what is wrong with it
        }
        List<NamedFactory<Signature>> ordered = new ArrayList<>();
        factories.stream().filter(f -> known.contains(f.getName())).forEach(ordered::add);
        factories.stream().filter(f -> !known.contains(f.getName())).forEach(ordered::add);
        return ordered;
    }

    /** The "no common algorithm" failure in the cause chain, if that is what ended the session. */
    static SshException keyExchangeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SshException ssh && (ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_KEY_EXCHANGE_FAILED
                    || ssh.getMessage() != null && ssh.getMessage().startsWith("Unable to negotiate"))) {
                return ssh;
            }
        }
        return null;
    }

    /**
     * The client key: OpenSSH ({@code BEGIN OPENSSH PRIVATE KEY}) or PEM (PKCS#1 {@code BEGIN RSA PRIVATE KEY},
     * SEC1 {@code BEGIN EC PRIVATE KEY}, PKCS#8 {@code BEGIN PRIVATE KEY} / {@code BEGIN ENCRYPTED PRIVATE KEY}),
     * of type ed25519, ecdsa or rsa, encrypted or not. Ed25519 and encrypted PKCS#8 need Bouncy Castle, which is
     * on the class path for that.
     */
    private Iterable<KeyPair> loadKey(ClientSession session) throws IOException {
        Path file = remote.privateKeyFile();
        String passphrase = remote.privateKeyPassphrase();
        String setting = key(targetName, "private-key-file");
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName(file.toString()), in,
                    passphrase == null || passphrase.isEmpty() ? null : FilePasswordProvider.of(passphrase));
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException(file + ": cannot read the private key (" + setting + "): " + keyProblem(file, e, passphrase), e);
        }
        if (keys.isEmpty()) {
            throw new IOException(file + ": no private key found (" + setting + "; expected an OpenSSH or PEM "
                    + "ed25519, ecdsa or rsa key)");
        }
        return keys;
    }

    /**
     * Why a key did not load, in terms of the settings to check and never with the passphrase. The parsers' own
     * words for a wrong passphrase ("Mismatched private key check values", "Invalid DER", "Error finalising
     * cipher") do not say so; whether the file is encrypted does.
     */
    private String keyProblem(Path file, Exception e, String passphrase) {
        String detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().strip());
        if (passphrase != null && !passphrase.isEmpty()) {
            detail = detail.replace(passphrase, "***");
        }
        if (!KeyFiles.isEncrypted(file)) {
            return detail;
        }
        String passphraseSetting = key(targetName, "private-key-passphrase");
        return passphrase == null || passphrase.isEmpty()
                ? "the key is encrypted and " + passphraseSetting + " is not set (" + detail + ")"
                : "the key is encrypted and " + passphraseSetting + " does not decrypt it: not its passphrase? (" + detail + ")";
    }

    private static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    private static void closeQuietly(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close(true);
            }
        } finally {
            client.stop();
        }
    }

    private static boolean isNoSuchFile(SftpException e) {
        return e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE;
    }

    private static final class SftpSession implements Session {
        private final SshClient client;
        private final ClientSession session;
        private final SftpClient sftp;
        private final OpenSSHPosixRenameExtension posixRename;

        SftpSession(SshClient client, ClientSession session, SftpClient sftp) {
            this.client = client;
            this.session = session;
            this.sftp = sftp;
            OpenSSHPosixRenameExtension extension = sftp.getExtension(OpenSSHPosixRenameExtension.class);
            this.posixRename = extension != null && extension.isSupported() ? extension : null;
        }

        @Override
        public Map<String, Long> list(String dir) throws IOException {
            Map<String, Long> files = new TreeMap<>();
            try {
                for (SftpClient.DirEntry entry : sftp.readDir(dir.isEmpty() ? "." : dir)) {
                    if (entry.getAttributes().isRegularFile()) {
                        files.put(entry.getFilename(), entry.getAttributes().getSize());
                    }
                }
            } catch (UncheckedIOException e) {
                // readDir opens the directory lazily, in iterator(), and wraps the SFTP status there
                if (!(e.getCause() instanceof SftpException sftpError) || !isNoSuchFile(sftpError)) {
                    throw e.getCause();
                }
            } catch (SftpException e) {
                if (!isNoSuchFile(e)) {
                    throw e;
                }
            }
            return files;
        }

        @Override
        public void mkdirs(String dir) throws IOException {
            StringBuilder path = new StringBuilder(dir.startsWith("/") ? "/" : "");
            for (String segment : dir.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                path.append(path.length() == 0 || path.charAt(path.length() - 1) == '/' ? "" : "/").append(segment);
                try {
                    if (!sftp.stat(path.toString()).isDirectory()) {
                        throw new IOException(path + " is not a directory");
                    }
                } catch (SftpException e) {
                    if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                        throw e;
                    }
                    sftp.mkdir(path.toString());
                }
            }
        }

        @Override
        public byte[] read(String path) throws IOException {
            try (InputStream in = sftp.read(path)) {
                return in.readAllBytes();
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return null;
                }
                throw e;
            }
        }

        @Override
        public void upload(String path, InputStream content) throws IOException {
            try (OutputStream out = sftp.write(path, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                    SftpClient.OpenMode.Exclusive)) {
                content.transferTo(out);
            }
        }

        @Override
        public void rename(String from, String to) throws IOException {
            if (posixRename != null) {
                posixRename.posixRename(from, to);
                return;
            }
            // plain SFTP v3 rename does not replace: remove the old file first (a reader may miss it for a moment)
            try {
                sftp.remove(to);
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    throw e;
                }
            }
            sftp.rename(from, to);
        }

        @Override
        public void delete(String path) throws IOException {
            try {
                sftp.remove(path);
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    throw e;
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                sftp.close();
            } finally {
                closeQuietly(session, client);
            }
        }
    }

    @Component
    static final class Kind implements TargetKind {

        private final TargetRegistry registry;

        Kind(TargetRegistry registry) {
            this.registry = registry;
        }

        @Override
        public String name() {
            return "sftp";
        }

        @Override
        public DeliveryTarget create(String name, PublishProperties.Target settings) {
            PublishProperties.Remote remote = remoteSettings(name, settings, "SFTP server",
                    "host, username, password or private-key-file, known-hosts-file, directory");
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
