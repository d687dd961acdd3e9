package ru.gov.tomsk.opendata.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SSH server with its SFTP subsystem (Apache MINA SSHD) on a free port of localhost, serving a directory of
 * the test as its root. One user logs in with a password, public keys or both; host keys are generated per test and
 * known to the client only through {@link #writeKnownHosts}, so host-key checking stays on. It fails the way a
 * portal's or a department's server does when a test asks: it dies right after an upload, or an upload hangs until
 * the test cuts it; and it can be stopped and started again on the same port.
 */
public final class TestSftpServer implements AutoCloseable {

    private final Builder settings;
    private final AtomicBoolean crashAfterNextUpload = new AtomicBoolean();
    private final AtomicReference<Stall> stall = new AtomicReference<>();
    private volatile SshServer server;
    private int port;

    private TestSftpServer(Builder settings) {
        this.settings = settings;
    }

    /** A server whose root is {@code root}; the login starts there unless {@link Builder#home} moves it. */
    public static Builder serving(Path root) {
        return new Builder(root);
    }

    /** How the server is set up before it starts. */
    public static final class Builder {
        private final Path root;
        private String home = "/";
        private final List<KeyPair> hostKeys = new ArrayList<>();
        private String user;
        private String password;
        private final List<PublicKey> userKeys = new ArrayList<>();
        private final List<Consumer<SshServer>> customisations = new ArrayList<>();

        private Builder(Path root) {
            this.root = root;
        }

        /**
         * The login's working directory, below the root ({@code /home/feeder}), as on a real server: a relative path
         * is then under it and an absolute one under the root.
         */
        public Builder home(String loginDirectory) {
            this.home = loginDirectory;
            return this;
        }

        /** The host keys offered, in this order; one ecdsa-sha2-nistp256 key is generated when none is given. */
        public Builder hostKeys(KeyPair... keys) {
            hostKeys.addAll(List.of(keys));
            return this;
        }

        public Builder password(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        public Builder publicKey(String user, PublicKey key) {
            this.user = user;
            userKeys.add(key);
            return this;
        }

        /** Anything else about the server (signatures, other authenticators, listeners), applied on every start. */
        public Builder configure(Consumer<SshServer> customisation) {
            customisations.add(customisation);
            return this;
        }

        public TestSftpServer start() throws IOException, GeneralSecurityException {
            if (hostKeys.isEmpty()) {
                hostKeys.add(KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256));
            }
            Files.createDirectories(root.resolve(home.substring(1)));
            TestSftpServer server = new TestSftpServer(this);
            server.startOn(0);
            return server;
        }
    }

    private void startOn(int onPort) throws IOException {
        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setHost("localhost");
        ssh.setPort(onPort);
        ssh.setKeyPairProvider(KeyPairProvider.wrap(settings.hostKeys));
        ssh.setPasswordAuthenticator(settings.password == null ? null
                : (name, password, session) -> settings.user.equals(name) && settings.password.equals(password));
        ssh.setPublickeyAuthenticator(settings.userKeys.isEmpty() ? null
                : (name, key, session) -> settings.user.equals(name)
                && settings.userKeys.stream().anyMatch(known -> KeyUtils.compareKeys(key, known)));
        ssh.setKeyboardInteractiveAuthenticator(null);
        SftpSubsystemFactory sftp = settings.home.equals("/") ? new SftpSubsystemFactory()
                : new HomeSftpSubsystemFactory(settings.home);
        sftp.addSftpEventListener(new Faults());
        ssh.setSubsystemFactories(List.of(sftp));
        ssh.setFileSystemFactory(new VirtualFileSystemFactory(settings.root));
        settings.customisations.forEach(customisation -> customisation.accept(ssh));
        ssh.start();
        server = ssh;
        port = ssh.getPort();
    }

    public int port() {
        return port;
    }

    /** The first host key, the one a client that asks for none in particular gets. */
    public KeyPair hostKey() {
        return settings.hostKeys.get(0);
    }

    /** The {@code known_hosts} line for this server and {@code key}, as {@code ssh-keyscan -p} writes it. */
    public String knownHostsLine(KeyPair key) {
        return knownHostsLine("localhost", port, key);
    }

    /** A {@code known_hosts} line for a server on a port other than 22, as {@code ssh-keyscan -p} writes it. */
    public static String knownHostsLine(String host, int port, KeyPair hostKey) {
        return "[" + host + "]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Writes a {@code known_hosts} file that holds this server's first host key. */
    public Path writeKnownHosts(Path file) throws IOException {
        return writeKnownHosts(file, hostKey());
    }

    /** Writes a {@code known_hosts} file that holds {@code key} for this server (another key: a spoofed server). */
    public Path writeKnownHosts(Path file, KeyPair key) throws IOException {
        return Files.writeString(file, knownHostsLine(key) + "\n");
    }

    /** A path as the login sees it ({@code inbox/a.csv} from its home, {@code /srv/drops/a.csv}) on the disk. */
    public Path onDisk(String sftpPath) {
        String absolute = sftpPath.startsWith("/") ? sftpPath
                : (settings.home.endsWith("/") ? settings.home : settings.home + "/") + sftpPath;
        return settings.root.resolve(absolute.substring(1));
    }

    /**
     * Set to make the server die as soon as the next uploaded file is closed: the session is cut and the whole server
     * stops, so the file stays behind under the name it was written to, until {@link #restart}.
     */
    public AtomicBoolean crashAfterNextUpload() {
        return crashAfterNextUpload;
    }

    /** The next write to a file whose name matches hangs until {@link Stall#cut}; then its session is cut. */
    public Stall stallNextUpload(Predicate<String> fileName) {
        Stall next = new Stall(fileName);
        stall.set(next);
        return next;
    }

    /** An upload that hangs, as one to a stalled server does, until the test cuts the connection. */
    public static final class Stall {
        private final Predicate<String> fileName;
        private final CountDownLatch stalled = new CountDownLatch(1);
        private final CountDownLatch cut = new CountDownLatch(1);

        private Stall(Predicate<String> fileName) {
            this.fileName = fileName;
        }

        /** Whether the upload began and hangs now. */
        public boolean awaitStalled(Duration timeout) throws InterruptedException {
            return stalled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Cuts the hanging upload's connection. */
        public void cut() {
            cut.countDown();
        }
    }

    public boolean isStopped() {
        return !server.isStarted();
    }

    public void stop() throws IOException {
        server.stop(true);
    }

    /** Starts the server again on the port it had, with the same keys, logins and root. */
    public void restart() throws IOException {
        startOn(port);
    }

    @Override
    public void close() throws IOException {
        Stall hanging = stall.get();
        if (hanging != null) {
            hanging.cut();
        }
        server.stop(true);
    }

    /** The faults a test arms, acted out on the SFTP requests they concern. */
    private final class Faults implements SftpEventListener {
        @Override
        public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                            int dataOffset, int dataLen) throws IOException {
            Stall armed = stall.get();
            if (armed != null && armed.fileName.test(localHandle.getFile().getFileName().toString())
                    && stall.compareAndSet(armed, null)) {
                armed.stalled.countDown();
                try {
                    armed.cut.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                session.close(true);
                throw new IOException("connection cut by the test");
            }
        }

        @Override
        public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
            if (localHandle instanceof FileHandle file && file.getOpenOptions().contains(StandardOpenOption.WRITE)
                    && crashAfterNextUpload.compareAndSet(true, false)) {
                SshServer dying = server;
                session.close(true);
                CompletableFuture.runAsync(() -> {
                    try {
                        dying.stop(true);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /**
     * SFTP whose default directory (what {@code realpath(".")} answers: the client's home) is {@code home}; MINA's own
     * is the root.
     */
    private static final class HomeSftpSubsystemFactory extends SftpSubsystemFactory {
        private final String home;

        HomeSftpSubsystemFactory(String home) {
            this.home = home;
        }

        @Override
        public Command createSubsystem(ChannelSession channel) throws IOException {
            return new SftpSubsystem(channel, this) {
                @Override
                public void setFileSystem(FileSystem fileSystem) {
                    super.setFileSystem(fileSystem);
                    defaultDir = fileSystem.getPath(home);
                }
            };
        }
    }
}
