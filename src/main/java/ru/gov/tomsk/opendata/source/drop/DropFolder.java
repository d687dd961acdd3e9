package ru.gov.tomsk.opendata.source.drop;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Endpoint;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;

/**
 * A file drop's directory as the operator's tools see it: listed, read, and files moved within it, on the local
 * disk or on the FTP or SFTP server, through the same connection settings as the feed's own consumer (host,
 * credentials, host key checking, passive mode), so nothing of the feed's secrets is handled here. Paths are as
 * the consumer takes them ({@link #dir} is the drop directory; on a server relative to the login's home, or
 * absolute), built with {@link #child}. Opened for one task and closed after it (a remote one holds a connection).
 */
public interface DropFolder extends AutoCloseable {

    /** A regular file of a listed directory. {@code modified} as the server reports it, or null. */
    record Entry(String name, long size, Instant modified) {
    }

    /** The drop directory, as paths here take it. */
    String dir();

    /** Where the drop is, for messages: the local directory, or {@code sftp://user@host:22/inbox}; never a secret. */
    String where();

    /** {@code dir/name}, in the folder's own separator. */
    String child(String dir, String name);

    /** The regular files of {@code dir}; empty when it does not exist. */
    List<Entry> list(String dir) throws IOException;

    /** The first {@code max} bytes of a file; empty when it does not exist. */
    Optional<byte[]> read(String path, int max) throws IOException;

    boolean exists(String path) throws IOException;

    /** Moves a file within the drop; the target must not exist. */
    void move(String from, String to) throws IOException;

    /** Removes a file; false when there was none. */
    boolean delete(String path) throws IOException;

    /** Creates an empty file (a done-file); leaves one that exists as it is. */
    void touch(String path) throws IOException;

    @Override
    void close();

    /** The folder of a feed's consumer endpoint (file, ftp, sftp), connected; empty for any other endpoint. */
    static Optional<DropFolder> open(Endpoint endpoint) throws IOException {
        if (endpoint instanceof RemoteFileEndpoint<?> remote) {
            return Optional.of(RemoteDropFolder.connect(remote));
        }
        if (endpoint instanceof FileEndpoint local) {
            return Optional.of(new LocalDropFolder(local.getFile().toPath()));
        }
        return Optional.empty();
    }
}
