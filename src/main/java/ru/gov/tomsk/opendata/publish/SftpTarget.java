package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.catalog.Catalog;

/**
 * {@code kind: sftp}: uploads to the portal's SSH server (see {@link RemoteTarget} for the order and the
 * temporary names). Apache MINA SSHD's client rather than JSch: its {@link KnownHostsServerKeyVerifier} gives
 * exact control over host-key checking (strict by default: an unknown or changed key is refused, and the
 * delivery says which key and which file), and it offers the {@code posix-rename@openssh.com} extension, which
 * replaces the target file in one step. A server without it gets remove-then-rename for files that exist
 * ({@code meta.*}, {@code list.*}): a reader may then miss the file for a moment, but never sees half of it.
 */
final class SftpTarget extends RemoteTarget {

    private final String targetName;
    private final PublishProperties.Remote remote;
    private final int port;
    private final String directory;

    SftpTarget(String name, PublishProperties.Remote remote, Catalog catalog) {
        super(name, remote.directory(), catalog);
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
            try {
                session.auth().verify(timeout);
            } catch (IOException e) {
                if (rejected.get() != null) {
                    throw new IOException("host key " + rejected.get() + " of " + remote.host() + ":" + port
                            + " is not accepted by " + remote.knownHostsFile() + " (" + key(targetName, "known-hosts-file")
                            + "; add it with ssh-keyscan after checking it, or set " + key(targetName, "strict-host-key-checking")
                            + ": false)", e);
                }
                if (session.isAuthenticated()) {
                    throw e;
                }
                throw new IOException("login refused for user '" + remote.username() + "' by " + remote.host() + ":" + port
                        + " (check " + key(targetName, remote.privateKeyFile() != null ? "private-key-file" : "password")
                        + "): " + describe(e), e);
            }
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SftpSession(client, session, sftp);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session, client);
            if (rejected.get() != null && !(e.getMessage() != null && e.getMessage().startsWith("host key"))) {
                throw new IOException("host key " + rejected.get() + " of " + remote.host() + ":" + port
                        + " is not accepted by " + remote.knownHostsFile() + " (" + key(targetName, "known-hosts-file") + ")", e);
            }
            throw e;
        }
    }

    private Iterable<KeyPair> loadKey(ClientSession session) throws IOException {
        Path file = remote.privateKeyFile();
        String passphrase = remote.privateKeyPassphrase();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName(file.toString()), in,
                    passphrase == null ? null : FilePasswordProvider.of(passphrase));
            if (keys == null) {
                throw new IOException(file + ": no private key found (" + key(targetName, "private-key-file") + ")");
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot read the private key (" + key(targetName, "private-key-file") + ", "
                    + key(targetName, "private-key-passphrase") + "): " + e.getClass().getSimpleName(), e);
        }
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
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
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

        private final Catalog catalog;

        Kind(Catalog catalog) {
            this.catalog = catalog;
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
            return new SftpTarget(name, remote, catalog);
        }
    }
}
