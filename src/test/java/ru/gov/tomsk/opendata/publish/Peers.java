package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import ru.gov.tomsk.opendata.support.TestFtpServer;

/** The portals' file servers, real and on this machine: Apache MINA FtpServer and Apache MINA SSHD with SFTP. */
final class Peers {

    private Peers() {
    }

    /** A started FTP server on 127.0.0.1, passive mode only, with one user whose home is {@code root}. */
    static FtpServer ftp(Path root, Path usersFile, String user, String password) throws IOException, FtpException {
        return TestFtpServer.start(root, user, password, usersFile).server();
    }

    static int port(FtpServer server) {
        return ((DefaultFtpServer) server).getListener("default").getPort();
    }

    /**
     * An SSH server on localhost with the SFTP subsystem on {@code root}, offering {@code hostKeys}, not started: the
     * caller sets how users log in (no method is on).
     */
    static SshServer sftp(Path root, List<KeyPair> hostKeys) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("localhost");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        server.setPasswordAuthenticator(null);
        server.setPublickeyAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        return server;
    }
}
