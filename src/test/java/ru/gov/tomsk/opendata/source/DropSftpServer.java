package ru.gov.tomsk.opendata.source;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An Apache MINA SSHD server with its SFTP subsystem whose login starts in {@value #HOME}, below the root it
 * serves, as on a real server (a user's home is rarely {@code /}): a relative drop directory is then under the
 * home and an absolute one under the root. Password login; the host key is generated and written to a
 * known_hosts file, so host-key checking stays on.
 */
final class DropSftpServer implements AutoCloseable {

    static final String USER = "feeder";
    static final String PASSWORD = "Feeder&Sftp+8%y";
    static final String HOME = "/home/feeder";

    private final Path root;
    private final SshServer server;
    private final KeyPair hostKey;

    private DropSftpServer(Path root) throws Exception {
        this.root = root;
        Files.createDirectories(root.resolve(HOME.substring(1)));
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        server = SshServer.setUpDefaultServer();
        server.setHost("localhost");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setKeyboardInteractiveAuthenticator(null);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory() {
            @Override
            public Command createSubsystem(ChannelSession channel) {
                // the SFTP default directory (what realpath(".") answers, the client's home) is the root unless moved
                return new SftpSubsystem(channel, this) {
                    @Override
                    public void setFileSystem(FileSystem fileSystem) {
                        super.setFileSystem(fileSystem);
                        defaultDir = fileSystem.getPath(HOME);
                    }
                };
            }
        }));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
    }

    static DropSftpServer start(Path root) throws Exception {
        return new DropSftpServer(root);
    }

    int port() {
        return server.getPort();
    }

    /** A path as the SFTP login sees it ({@code inbox/a.csv} from its home, {@code /srv/drops/a.csv}) on the disk. */
    Path onDisk(String sftpPath) {
        String absolute = sftpPath.startsWith("/") ? sftpPath : HOME + "/" + sftpPath;
        return root.resolve(absolute.substring(1));
    }

    /** The {@code source:} block of a feed reading organisations*.csv from {@code directory} on this server. */
    static String source(String directory, String minAge) {
        return """
                  kind: sftp
                  host: localhost
                  port: ${SFTP_PORT}
                  username: ${SFTP_USER}
                  password: ${SFTP_PASSWORD}
                  knownHostsFile: ${SFTP_KNOWN_HOSTS}
                  directory: %s
                  include: organisations*.csv
                  minAge: %s
                  format: csv
                """.formatted(directory, minAge);
    }

    /**
     * The properties {@link #source} refers to, with a known_hosts file written to {@code knownHosts} that holds this
     * server's key, as {@code ssh-keyscan} would write it.
     */
    Map<String, Object> props(Path knownHosts) throws IOException {
        Files.writeString(knownHosts, "[localhost]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        return Map.of("SFTP_PORT", String.valueOf(port()), "SFTP_USER", USER, "SFTP_PASSWORD", PASSWORD,
                "SFTP_KNOWN_HOSTS", knownHosts.toString());
    }

    @Override
    public void close() throws Exception {
        server.stop(true);
    }
}
