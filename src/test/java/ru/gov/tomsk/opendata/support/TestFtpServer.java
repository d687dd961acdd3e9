package ru.gov.tomsk.opendata.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * A real FTP server (Apache MINA FtpServer) on a free port of 127.0.0.1 with one user who may write in its home
 * directory. Only passive data connections are allowed, so a client in active mode could not list or download.
 */
public final class TestFtpServer implements AutoCloseable {

    private final FtpServer server;
    private final int port;

    private TestFtpServer(FtpServer server) {
        this.server = server;
        this.port = ((DefaultFtpServer) server).getListener("default").getPort();
    }

    /** Starts the server; its user list is kept in {@code usersFile}, which must not exist yet. */
    public static TestFtpServer start(Path home, String user, String password, Path usersFile)
            throws FtpException, IOException {
        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener("default", passiveOnlyListener());

        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        users.setFile(Files.createFile(usersFile).toFile());
        users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        BaseUser account = new BaseUser();
        account.setName(user);
        account.setPassword(password);
        account.setHomeDirectory(home.toString());
        account.setAuthorities(List.of(new WritePermission()));
        factory.setUserManager(users.createUserManager());
        factory.getUserManager().save(account);

        FtpServer server = factory.createServer();
        server.start();
        return new TestFtpServer(server);
    }

    /** A listener on 127.0.0.1 that only allows passive data connections (what gets through firewalls and NAT). */
    public static Listener passiveOnlyListener() {
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setActiveEnabled(false);
        data.setPassiveAddress("127.0.0.1");
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        return listener.createListener();
    }

    /** The server itself, for tests that stop it on their own. */
    public FtpServer server() {
        return server;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stop();
    }
}
