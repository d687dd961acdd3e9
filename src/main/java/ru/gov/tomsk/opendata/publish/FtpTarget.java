package ru.gov.tomsk.opendata.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.springframework.stereotype.Component;


/**
 * {@code kind: ftp}: uploads to the portal's FTP server with Apache Commons Net, passive mode, binary transfers
 * (see {@link RemoteTarget} for the order and the temporary names). The usual Unix servers (vsftpd, ProFTPD,
 * Pure-FTPd) implement RNTO with rename(2), which replaces an existing {@code meta.*} or {@code list.*} in one
 * step: no reader ever misses it. FTP does not require that, and some servers (Apache MINA FtpServer, some
 * Windows servers) refuse an existing target; only then is the old file deleted and the fully uploaded temporary
 * file renamed onto its name, so a reader may miss that one file for a round trip, but never sees half of it, and
 * data files (new names, never replaced) are never missing once linked.
 */
final class FtpTarget extends RemoteTarget {

    FtpTarget(String name, PublishProperties.Remote remote, TargetRegistry registry) {
        super(name, "ftp", 21, remote, registry);
    }

    @Override
    Session open() throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout((int) remote.connectTimeout().toMillis());
        ftp.setDefaultTimeout((int) remote.timeout().toMillis());
        ftp.setDataTimeout(remote.timeout());
        ftp.setListHiddenFiles(true);
        try {
            ftp.connect(remote.host(), port);
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw new IOException("the server refused the connection: " + reply(ftp));
            }
            if (!ftp.login(remote.username(), remote.password())) {
                throw new IOException("login refused for user '" + remote.username() + "' (check "
                        + key(name(), "password") + "): " + reply(ftp));
            }
            ftp.enterLocalPassiveMode();
            if (!ftp.setFileType(FTP.BINARY_FILE_TYPE)) {
                throw new IOException("cannot switch to binary mode: " + reply(ftp));
            }
            ftp.setSoTimeout((int) remote.timeout().toMillis());
            return new FtpSession(ftp);
        } catch (IOException | RuntimeException e) {
            disconnect(ftp);
            throw e;
        }
    }

    static String reply(FTPClient ftp) {
        String reply = ftp.getReplyString();
        return reply == null ? "no reply" : reply.strip();
    }

    private static void disconnect(FTPClient ftp) {
        if (ftp.isConnected()) {
            try {
                ftp.disconnect();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static final class FtpSession implements Session {
        private final FTPClient ftp;

        FtpSession(FTPClient ftp) {
            this.ftp = ftp;
        }

        @Override
        public Map<String, Long> list(String dir) throws IOException {
            Map<String, Long> files = new TreeMap<>();
            FTPFile[] entries = ftp.listFiles(dir.isEmpty() ? "" : dir);
            if (entries != null) {
                for (FTPFile entry : entries) {
                    if (entry != null && entry.isFile()) {
                        String name = entry.getName();
                        int slash = name.lastIndexOf('/');
                        files.put(slash < 0 ? name : name.substring(slash + 1), entry.getSize());
                    }
                }
            }
            return files;
        }

        @Override
        public void mkdirs(String dir) throws IOException {
            for (String path : pathsDown(dir)) {
                String current = ftp.printWorkingDirectory();
                if (ftp.changeWorkingDirectory(path)) {
                    ftp.changeWorkingDirectory(current);
                } else if (!ftp.makeDirectory(path)) {
                    throw new IOException("cannot create the directory " + path + ": " + reply(ftp));
                }
            }
        }

        @Override
        public byte[] read(String path) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (ftp.retrieveFile(path, out)) {
                return out.toByteArray();
            }
            if (ftp.getReplyCode() == FTPReply.FILE_UNAVAILABLE) {
                return null;
            }
            throw new IOException("cannot read " + path + ": " + reply(ftp));
        }

        @Override
        public void upload(String path, InputStream content) throws IOException {
            if (!ftp.storeFile(path, content)) {
                throw new IOException("cannot upload " + path + ": " + reply(ftp));
            }
        }

        @Override
        public void rename(String from, String to) throws IOException {
            // many servers replace on RNTO (atomically); where one refuses an existing name, delete it first and
            // rename again: acceptable for meta.* and list.* (a reader may miss the file for that moment, never
            // sees half of it); data files get new names and never take this path
            if (ftp.rename(from, to)) {
                return;
            }
            String dir = to.contains("/") ? to.substring(0, to.lastIndexOf('/')) : "";
            String name = to.substring(to.lastIndexOf('/') + 1);
            if (list(dir).containsKey(name) && !ftp.deleteFile(to)) {
                throw new IOException("cannot replace " + to + ": " + reply(ftp));
            }
            if (!ftp.rename(from, to)) {
                throw new IOException("cannot rename " + from + " to " + to + ": " + reply(ftp));
            }
        }

        @Override
        public void delete(String path) throws IOException {
            if (!ftp.deleteFile(path) && ftp.getReplyCode() != FTPReply.FILE_UNAVAILABLE) {
                throw new IOException("cannot delete " + path + ": " + reply(ftp));
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (ftp.isConnected()) {
                    ftp.logout();
                }
            } catch (IOException ignored) {
                // the connection is closed below either way
            } finally {
                disconnect(ftp);
            }
        }
    }

    @Component
    static final class Kind extends RemoteKind {

        Kind(TargetRegistry registry) {
            super("ftp", "FTP server", "host, username, password, directory", registry);
        }

        @Override
        DeliveryTarget create(String name, PublishProperties.Remote remote) {
            if (remote.password() == null) {
                throw new IllegalArgumentException(key(name, "password") + " is missing: write it as a placeholder, "
                        + "password: ${PORTAL_FTP_PASSWORD}");
            }
            return new FtpTarget(name, remote, registry);
        }
    }
}
