package ru.gov.tomsk.opendata.source;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.command.Command;
import org.apache.ftpserver.command.CommandFactoryFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import ru.gov.tomsk.opendata.support.TestFtpServer;

/**
 * An Apache MINA FtpServer the way departments' servers differ from a friendly one: the login starts in
 * {@value #HOME}, not at the server's root (so a relative and an absolute drop directory are different places);
 * uploads can be throttled by the server; it can offer nothing but {@code LIST} (whole-minute times, no
 * {@code MDTM}, {@code MLST} or {@code MLSD}, like a plain vsftpd listing); its clock can be behind; and a test
 * can act on a file just before or after the service downloads it. Passive data connections only.
 */
final class DropFtpServer implements AutoCloseable {

    static final String USER = "feeder";
    static final String PASSWORD = "Feeder&Secret+7%x";
    /** The login's working directory after it signs in: its home, below the server's root. */
    static final String HOME = "/home/feeder";

    /** What the server tells about a file's time besides its {@code LIST} line. */
    enum Times {
        /** {@code MDTM}, {@code MLST} and {@code MLSD} to the second, announced by {@code FEAT}, as MINA has them. */
        EXACT,
        /** Only the {@code LIST} line, to the minute: the three commands are refused and {@code FEAT} omits them. */
        LISTING_ONLY
    }

    /** How the server behaves; see the class comment. */
    record Options(Times times, int uploadBytesPerSecond, Duration clockBehind) {
        static Options plain() {
            return new Options(Times.EXACT, 0, Duration.ZERO);
        }

        Options withTimes(Times value) {
            return new Options(value, uploadBytesPerSecond, clockBehind);
        }

        Options throttled(int bytesPerSecond) {
            return new Options(times, bytesPerSecond, clockBehind);
        }

        Options clockBehind(Duration value) {
            return new Options(times, uploadBytesPerSecond, value);
        }
    }

    private final Path root;
    private final FtpServer server;
    private final int port;
    /** Every command line the server received, e.g. {@code MDTM inbox/organisations.csv}. */
    final Queue<String> commands = new ConcurrentLinkedQueue<>();
    /** Runs with the server-side path of a file just before the server sends it in answer to {@code RETR}. */
    volatile FileAction beforeDownload;
    /** Runs with the server-side path of a file once the server has sent it, before it answers the next command. */
    volatile FileAction afterDownload;

    /** Something done to a file on the server's disk. */
    @FunctionalInterface
    interface FileAction {
        void apply(Path file) throws IOException;
    }

    private DropFtpServer(Path root, Options options) throws Exception {
        this.root = root;
        Files.createDirectories(root.resolve(HOME.substring(1)));
        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener("default", TestFtpServer.passiveOnlyListener());

        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        java.io.File userFile = Files.createTempFile("ftp-users", ".properties").toFile();
        userFile.deleteOnExit();
        users.setFile(userFile);
        users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(root.toString());
        user.setAuthorities(List.of(new WritePermission(), new TransferRatePermission(0, options.uploadBytesPerSecond())));
        factory.setUserManager(users.createUserManager());
        factory.getUserManager().save(user);

        long behind = options.clockBehind().toMillis();
        factory.setFileSystem(login -> {
            // MINA's virtual root is the user's home directory; the login is moved below it
            FileSystemView view = new NativeFileSystemFactory().createFileSystemView(login);
            if (!view.changeWorkingDirectory(HOME)) {
                throw new FtpException("no " + HOME + " under " + root);
            }
            return behind == 0 ? view : clockBehind(view, behind);
        });
        if (options.times() == Times.LISTING_ONLY) {
            CommandFactoryFactory commands = new CommandFactoryFactory();
            Command refused = (session, context, request) -> {
                session.resetState();
                session.write(new DefaultFtpReply(502, "Command not implemented."));
            };
            commands.addCommand("MDTM", refused);
            commands.addCommand("MLST", refused);
            commands.addCommand("MLSD", refused);
            commands.addCommand("FEAT", (session, context, request) -> {
                session.resetState();
                session.write(new DefaultFtpReply(211, "Extensions supported\n SIZE\n UTF8\nEnd"));
            });
            factory.setCommandFactory(commands.createCommandFactory());
        }
        factory.setFtplets(new java.util.HashMap<>(Map.of("observer", new DefaultFtplet() {
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
        })));
        server = factory.createServer();
        server.start();
        port = ((DefaultFtpServer) server).getListener("default").getPort();
    }

    static DropFtpServer start(Path root, Options options) throws Exception {
        return new DropFtpServer(root, options);
    }

    /** The {@code source:} block of a feed reading organisations*.csv from {@code directory} on this server. */
    static String source(String directory, String minAge) {
        return """
                  kind: ftp
                  host: 127.0.0.1
                  port: ${FTP_PORT}
                  username: ${FTP_USER}
                  password: ${FTP_PASSWORD}
                  directory: %s
                  include: organisations*.csv
                  minAge: %s
                  format: csv
                """.formatted(directory, minAge);
    }

    /** The properties {@link #source} refers to. */
    Map<String, Object> props() {
        return Map.of("FTP_PORT", String.valueOf(port), "FTP_USER", USER, "FTP_PASSWORD", PASSWORD);
    }

    int port() {
        return port;
    }

    /** A path as the FTP login sees it ({@code inbox/a.csv} from its home, {@code /srv/drops/a.csv}) on the disk. */
    Path onDisk(String ftpPath) {
        String absolute = ftpPath.startsWith("/") ? ftpPath : HOME + "/" + ftpPath;
        return root.resolve(absolute.substring(1));
    }

    /** Command lines received so far that start with {@code verb}. */
    List<String> commands(String verb) {
        return new ArrayList<>(commands.stream().filter(line -> line.startsWith(verb + " ")).toList());
    }

    /**
     * Uploads {@code content} to {@code ftpPath} through the FTP protocol from a thread of its own, as a department's
     * client would: first {@code firstPart} bytes, then, after a pause of {@code stall}, the rest. With the server
     * throttling uploads the whole upload is slow; the pause is the only waiting the test itself does (parked, not
     * slept: it is the upload stalling, not an assertion waiting).
     */
    CompletableFuture<Void> upload(String ftpPath, byte[] content, int firstPart, Duration stall) {
        return CompletableFuture.runAsync(() -> {
            FTPClient client = new FTPClient();
            try {
                client.connect("127.0.0.1", port);
                if (!client.login(USER, PASSWORD)) {
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

    private void act(FileAction action, FtpSession session, FtpRequest request) throws FtpException, IOException {
        if (action != null) {
            String path = session.getFileSystemView().getFile(request.getArgument()).getAbsolutePath();
            action.apply(root.resolve(path.substring(1)));
        }
    }

    /** A server whose clock is behind by {@code millis}: every time it reports (LIST, MDTM, MLST) is that early. */
    private static FileSystemView clockBehind(FileSystemView view, long millis) {
        return (FileSystemView) Proxy.newProxyInstance(FileSystemView.class.getClassLoader(),
                new Class<?>[] {FileSystemView.class}, new Behind(view, millis));
    }

    /**
     * Answers for a view or a file of the real file system, with times {@code millis} early; files it returns are
     * wrapped too, and wrapped files given back to MINA (a rename's target) are unwrapped, as MINA casts them.
     */
    private record Behind(Object target, long millis) implements java.lang.reflect.InvocationHandler {
        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            Object[] real = args == null ? null : java.util.Arrays.stream(args).map(Behind::unwrap).toArray();
            Object result;
            try {
                result = method.invoke(target, real);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("getLastModified")) {
                return (Long) result - millis;
            }
            if (result instanceof FtpFile file) {
                return wrap(file);
            }
            if (method.getName().equals("listFiles") && result != null) {
                return ((List<?>) result).stream().map(f -> wrap((FtpFile) f)).toList();
            }
            return result;
        }

        private FtpFile wrap(FtpFile file) {
            return (FtpFile) Proxy.newProxyInstance(FtpFile.class.getClassLoader(), new Class<?>[] {FtpFile.class},
                    new Behind(file, millis));
        }

        private static Object unwrap(Object arg) {
            return arg != null && Proxy.isProxyClass(arg.getClass())
                    && Proxy.getInvocationHandler(arg) instanceof Behind behind ? behind.target() : arg;
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
