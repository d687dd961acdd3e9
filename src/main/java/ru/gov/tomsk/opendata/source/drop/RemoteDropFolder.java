package ru.gov.tomsk.opendata.source.drop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.support.DefaultExchange;
import org.apache.commons.net.ftp.FTPFile;

/**
 * A drop directory on an FTP or SFTP server, over a connection of its own made from the feed's consumer endpoint
 * (its settings, never a copy of its secrets). Paths are as the consumer takes them: relative to the login's home,
 * or absolute.
 */
final class RemoteDropFolder<T> implements DropFolder {

    private final RemoteFileEndpoint<T> endpoint;
    private final RemoteFileOperations<T> operations;

    private RemoteDropFolder(RemoteFileEndpoint<T> endpoint, RemoteFileOperations<T> operations) {
        this.endpoint = endpoint;
        this.operations = operations;
    }

    static <T> RemoteDropFolder<T> connect(RemoteFileEndpoint<T> endpoint) throws IOException {
        RemoteFileOperations<T> operations;
        try {
            operations = endpoint.createRemoteFileOperations();
        } catch (Exception e) {
            throw new IOException("cannot prepare a connection to " + where(endpoint.getConfiguration()) + ": "
                    + e.getMessage(), e);
        }
        try {
            operations.connect(endpoint.getConfiguration(), new DefaultExchange(endpoint.getCamelContext()));
        } catch (RuntimeException e) {
            disconnect(operations);
            throw new IOException("cannot connect to " + where(endpoint.getConfiguration()) + ": " + e.getMessage(), e);
        }
        return new RemoteDropFolder<>(endpoint, operations);
    }

    @Override
    public String dir() {
        return endpoint.getConfiguration().getDirectory();
    }

    @Override
    public String where() {
        return where(endpoint.getConfiguration());
    }

    private static String where(RemoteFileConfiguration configuration) {
        return configuration.remoteServerInformation() + "/" + configuration.getDirectory();
    }

    @Override
    public String child(String dir, String name) {
        return dir == null || dir.isEmpty() ? name : dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    @Override
    public List<Entry> list(String dir) throws IOException {
        T[] listing;
        try {
            listing = operations.listFiles(dir);
        } catch (GenericFileOperationFailedException e) {
            if (noSuchFile(e)) {
                return List.of();
            }
            throw failed("cannot list " + dir, e);
        }
        List<Entry> entries = new ArrayList<>();
        for (Object item : listing == null ? List.of() : Arrays.asList(listing)) {
            if (item instanceof FTPFile ftp && ftp.isFile()) {
                entries.add(new Entry(ftp.getName(), ftp.getSize(),
                        ftp.getTimestamp() == null ? null : ftp.getTimestamp().toInstant()));
            } else if (item instanceof SftpRemoteFile<?> sftp && !sftp.isDirectory()) {
                entries.add(new Entry(sftp.getFilename(), sftp.getFileLength(),
                        sftp.getLastModified() > 0 ? Instant.ofEpochMilli(sftp.getLastModified()) : null));
            }
        }
        return entries;
    }

    /**
     * Through the consumer's own download: into its local work directory (both Kamelets give one), under a name of
     * its own there that is removed once read.
     */
    @Override
    public Optional<byte[]> read(String path, int max) throws IOException {
        if (!exists(path)) {
            return Optional.empty();
        }
        Exchange download = new DefaultExchange(endpoint.getCamelContext());
        GenericFile<T> target = new GenericFile<>();
        target.setRelativeFilePath(".read-" + UUID.randomUUID());
        target.setFileNameOnly(target.getRelativeFilePath());
        download.setProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, target);
        try {
            operations.retrieveFile(path, download, -1);
            String localCopy = download.getIn().getHeader(FileConstants.FILE_LOCAL_WORK_PATH, String.class);
            if (localCopy != null) {
                try (InputStream in = Files.newInputStream(Path.of(localCopy))) {
                    return Optional.of(in.readNBytes(max));
                } finally {
                    Files.deleteIfExists(Path.of(localCopy));
                }
            }
            Object body = target.getBody();
            byte[] bytes = body instanceof ByteArrayOutputStream out ? out.toByteArray()
                    : body instanceof InputStream in ? in.readNBytes(max)
                    : body instanceof byte[] array ? array : new byte[0];
            return Optional.of(bytes.length > max ? Arrays.copyOf(bytes, max) : bytes);
        } catch (GenericFileOperationFailedException e) {
            throw failed("cannot read " + path, e);
        } finally {
            try {
                operations.releaseRetrievedFileResources(download);
            } catch (RuntimeException ignored) {
                // the stream of a read that failed; the connection is closed after the task anyway
            }
        }
    }

    @Override
    public boolean exists(String path) throws IOException {
        try {
            return operations.existsFile(path);
        } catch (GenericFileOperationFailedException e) {
            if (noSuchFile(e)) {
                return false;
            }
            throw failed("cannot look for " + path, e);
        }
    }

    @Override
    public void move(String from, String to) throws IOException {
        if (exists(to)) {
            throw new FileAlreadyExistsException(to);
        }
        try {
            if (!operations.renameFile(from, to)) {
                throw new IOException("the server refused to rename " + from + " to " + to);
            }
        } catch (GenericFileOperationFailedException e) {
            throw failed("cannot rename " + from + " to " + to, e);
        }
    }

    /** Without looking first: many FTP servers (MINA, vsftpd) leave names starting with a dot out of a listing. */
    @Override
    public boolean delete(String path) throws IOException {
        try {
            return operations.deleteFile(path);
        } catch (GenericFileOperationFailedException e) {
            if (noSuchFile(e)) {
                return false;
            }
            throw failed("cannot delete " + path, e);
        }
    }

    /** Stored by the operations themselves: a producer on the feed's endpoint would write a done-file for it too. */
    @Override
    public void touch(String path) throws IOException {
        if (exists(path)) {
            return;
        }
        Exchange upload = new DefaultExchange(endpoint.getCamelContext());
        upload.getIn().setBody(new byte[0]);
        try {
            if (!operations.storeFile(path, upload, 0)) {
                throw new IOException("the server refused to store " + path);
            }
        } catch (GenericFileOperationFailedException e) {
            throw failed("cannot store " + path, e);
        }
    }

    @Override
    public void close() {
        disconnect(operations);
    }

    private static void disconnect(RemoteFileOperations<?> operations) {
        try {
            operations.disconnect();
        } catch (RuntimeException ignored) {
            // a connection that failed or broke is gone already
        }
    }

    /** SFTP says a path does not exist by an exception; FTP by an empty answer. */
    private static boolean noSuchFile(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SftpException sftp && sftp.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return true;
            }
        }
        return false;
    }

    private static IOException failed(String what, Exception e) {
        Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        return new IOException(what + ": " + cause.getMessage(), e);
    }
}
