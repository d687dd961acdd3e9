package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.impl.DefaultFtpServer;
import ru.gov.tomsk.opendata.support.TestFtpServer;

/** The portals' FTP server, real and on this machine: Apache MINA FtpServer. */
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
}
