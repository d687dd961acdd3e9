package ru.gov.tomsk.opendata.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.command.Command;
import org.apache.ftpserver.command.CommandFactoryFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * A real FTP server (Apache MINA FtpServer) on a free port of 127.0.0.1 with one user who may write below its root.
 * Only passive data connections are allowed, so a client in active mode could not list or download. A test can make
 * it differ from a friendly server the ways departments' and portals' servers do: the login starts below the root;
 * uploads are throttled; only {@code LIST} tells a file's time (to the minute); its clock is behind; a rename
 * replaces its target in one step; it dies right after an upload; and a file can be acted on just before or after
 * the server sends it. It can be stopped and started again on the same port.
 */
public final class TestFtpServer implements AutoCloseable {

    /** What the server tells about a file's time besides its {@code LIST} line. */
    public enum Times {
        /** {@code MDTM}, {@code MLST} and {@code MLSD} to the second, announced by {@code FEAT}, as MINA has them. */
        EXACT,
        /** Only the {@code LIST} line, to the minute: the three commands are refused and {@code FEAT} omits them. */
        LISTING_ONLY
    }

    /** Something done to a file on the server's disk. */
    @FunctionalInterface
    public interface FileAction {
        void apply(Path file) throws IOException;
    }

    private final Builder settings;
    /** Every command line the server received, e.g. {@code MDTM inbox/organisations.csv}, across restarts. */
    private final Queue<String> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean crashAfterNextUpload = new AtomicBoolean();
    /** Runs with the server-side path of a file just before the server sends it in answer to {@code RETR}. */
    public volatile FileAction beforeDownload;
    /** Runs with the server-side path of a file once the server has sent it, before it answers the next command. */
    public volatile FileAction afterDownload;
    private volatile FtpServer server;
    private int port;

    private TestFtpServer(Builder settings) {
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
        private String user;
        private String password;
        private int uploadBytesPerSecond;
        private Times times = Times.EXACT;
        private Duration clockBehind = Duration.ZERO;
        private boolean replaceOnRename;

        private Builder(Path root) {
            this.root = root;
        }

        public Builder login(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * The login's working directory, below the root ({@code /home/feeder}), as on a real server: a relative path
         * is then under it and an absolute one under the root.
         */
        public Builder home(String loginDirectory) {
            this.home = loginDirectory;
            return this;
        }

        /** The server throttles uploads to this rate (0: as fast as they come). */
        public Builder uploadBytesPerSecond(int rate) {
            this.uploadBytesPerSecond = rate;
            return this;
        }

        public Builder times(Times value) {
            this.times = value;
            return this;
        }

        /** Every time the server reports (LIST, MDTM, MLST) is this much early. */
        public Builder clockBehind(Duration value) {
            this.clockBehind = value;
            return this;
        }

        /**
         * RNTO replaces an existing file in one step, as vsftpd, ProFTPD and Pure-FTPd do (rename(2)); MINA's own
         * refuses an existing target.
         */
        public Builder replaceOnRename() {
            this.replaceOnRename = true;
            return this;
        }

        public TestFtpServer start() throws FtpException, IOException {
            Files.createDirectories(root.resolve(home.substring(1)));
            TestFtpServer server = new TestFtpServer(this);
            server.startOn(0);
            return server;
        }
    }

    private void startOn(int onPort) throws FtpException {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(onPort);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        // passive only: what gets through firewalls and NAT
        data.setActiveEnabled(false);
        data.setPassiveAddress("127.0.0.1");
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        factory.addListener("default", listener.createListener());

        // no users file: the user is kept in memory
        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        BaseUser user = new BaseUser();
        user.setName(settings.user);
        user.setPassword(settings.password);
        user.setHomeDirectory(settings.root.toString());
        user.setAuthorities(List.of(new WritePermission(), new TransferRatePermission(0, settings.uploadBytesPerSecond)));
        factory.setUserManager(users.createUserManager());
        factory.getUserManager().save(user);

        String home = settings.home;
        long behind = settings.clockBehind.toMillis();
        boolean replacing = settings.replaceOnRename;
        factory.setFileSystem(login -> {
            // MINA's virtual root is the user's home directory; the login is moved below it
            FileSystemView view = new NativeFileSystemFactory().createFileSystemView(login);
            if (!view.changeWorkingDirectory(home)) {
                throw new FtpException("no " + home + " under " + settings.root);
            }
            return behind == 0 && !replacing ? view : FtpFileViews.unlike(view, behind, replacing);
        });
        if (settings.times == Times.LISTING_ONLY) {
            CommandFactoryFactory commandFactory = new CommandFactoryFactory();
            Command refused = (session, context, request) -> {
                session.resetState();
                session.write(new DefaultFtpReply(502, "Command not implemented."));
            };
            commandFactory.addCommand("MDTM", refused);
            commandFactory.addCommand("MLST", refused);
            commandFactory.addCommand("MLSD", refused);
            commandFactory.addCommand("FEAT", (session, context, request) -> {
                session.resetState();
                session.write(new DefaultFtpReply(211, "Extensions supported\n SIZE\n UTF8\nEnd"));
            });
            factory.setCommandFactory(commandFactory.createCommandFactory());
        }
        factory.setFtplets(new LinkedHashMap<>(Map.of("faults", new Faults())));
        FtpServer started = factory.createServer();
        started.start();
        server = started;
        port = ((DefaultFtpServer) started).getListener("default").getPort();
    }

    public int port() {
        return port;
    }

    /** A path as the FTP login sees it ({@code inbox/a.csv} from its home, {@code /srv/drops/a.csv}) on the disk. */
    public Path onDisk(String ftpPath) {
        String home = settings.home.endsWith("/") ? settings.home : settings.home + "/";
        String absolute = ftpPath.startsWith("/") ? ftpPath : home + ftpPath;
        return settings.root.resolve(absolute.substring(1));
    }

    /** Command lines received so far that start with {@code verb}, e.g. {@code DELE opendata/list.csv}. */
    public List<String> commands(String verb) {
        return new ArrayList<>(commands.stream().filter(line -> line.startsWith(verb + " ")).toList());
    }

    /**
     * Set to make the server die as soon as the next upload has ended: the session is cut and the whole server stops,
     * so the file stays behind under the name it was stored as, until {@link #restart}.
     */
    public AtomicBoolean crashAfterNextUpload() {
        return crashAfterNextUpload;
    }

    public boolean isStopped() {
        return server.isStopped();
    }

    public void stop() {
        server.stop();
    }

    /** Starts the server again on the port it had, with the same login and behaviour. */
    public void restart() throws FtpException {
        startOn(port);
    }

    /**
     * Uploads {@code content} to {@code ftpPath} through the FTP protocol from a thread of its own, as a department's
     * client would: first {@code firstPart} bytes, then, after a pause of {@code stall}, the rest. With the server
     * throttling uploads the whole upload is slow; the pause is the only waiting the test itself does (parked, not
     * slept: it is the upload stalling, not an assertion waiting).
     */
    public CompletableFuture<Void> upload(String ftpPath, byte[] content, int firstPart, Duration stall) {
        return CompletableFuture.runAsync(() -> {
            FTPClient client = new FTPClient();
            try {
                client.connect("127.0.0.1", port);
                if (!client.login(settings.user, settings.password)) {
                    throw new IOException("login refused: " + client.getReplyString());
                }
                client.enterLocalPassiveMode();
                client.setFileType(FTP.BINARY_FILE_TYPE);
                try (OutputStream out = client.storeFileStream(ftpPath)) {
                    if (out == null) {
                        throw new IOException("STOR refused: " + client.getReplyString());
                    }
                    out.write(content, 0, firstPart);
                    out.flush();
                    if (!stall.isZero()) {
                        LockSupport.parkNanos(stall.toNanos());
                    }
                    out.write(content, firstPart, content.length - firstPart);
                }
                if (!client.completePendingCommand()) {
                    throw new IOException("upload not completed: " + client.getReplyString());
                }
                client.logout();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    client.disconnect();
                } catch (IOException ignored) {
                    // the upload's outcome is what counts
                }
            }
        });
    }

    @Override
    public void close() {
        if (!server.isStopped()) {
            server.stop();
        }
    }

    /** Records every command and acts out what the test armed. */
    private final class Faults extends DefaultFtplet {
        @Override
        public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
            commands.add(request.getRequestLine());
            return super.beforeCommand(session, request);
        }

        @Override
        public FtpletResult onDownloadStart(FtpSession session, FtpRequest request) throws FtpException, IOException {
            act(beforeDownload, session, request);
            return FtpletResult.DEFAULT;
        }

        @Override
        public FtpletResult onDownloadEnd(FtpSession session, FtpRequest request) throws FtpException, IOException {
            act(afterDownload, session, request);
            return FtpletResult.DEFAULT;
        }

        @Override
        public FtpletResult onUploadEnd(FtpSession session, FtpRequest request) {
            if (!crashAfterNextUpload.compareAndSet(true, false)) {
                return FtpletResult.DEFAULT;
            }
            FtpServer dying = server;
            CompletableFuture.runAsync(dying::stop);
            return FtpletResult.DISCONNECT;
        }

        private void act(FileAction action, FtpSession session, FtpRequest request) throws FtpException, IOException {
            if (action != null) {
                String path = session.getFileSystemView().getFile(request.getArgument()).getAbsolutePath();
                action.apply(settings.root.resolve(path.substring(1)));
            }
        }
    }
}
