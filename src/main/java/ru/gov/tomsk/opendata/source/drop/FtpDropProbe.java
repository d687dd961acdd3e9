package ru.gov.tomsk.opendata.source.drop;

import java.io.IOException;
import java.util.Optional;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.remote.FtpOperations;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An FTP file's size and time. The size comes from the directory listing ({@code LIST}), which every server offers;
 * the listing's time is often to the whole minute (vsftpd, MINA), so the time that tells a change is the server's
 * exact one: {@code MDTM}, else {@code MLST}, when the server announces it in {@code FEAT}. A server that announces
 * neither is never sent them, and its file is judged by size and the listing's time.
 */
final class FtpDropProbe implements DropProbe {

    private static final Logger LOG = LoggerFactory.getLogger(FtpDropProbe.class);

    @Override
    public Optional<DropState> look(GenericFileOperations<?> operations, GenericFile<?> file) throws IOException {
        FtpOperations ftp = (FtpOperations) operations;
        String parent = DropProbe.parentOf(file);
        FTPFile[] listing = parent == null ? ftp.listFiles() : ftp.listFiles(parent);
        for (FTPFile entry : listing) {
            if (entry != null && entry.isFile() && entry.getName().equals(file.getFileNameOnly())) {
                long listed = entry.getTimestamp() == null ? DropState.UNKNOWN : entry.getTimestamp().getTimeInMillis();
                return Optional.of(new DropState(entry.getSize(), listed,
                        exactTime(ftp.getClient(), file.getAbsoluteFilePath())));
            }
        }
        return Optional.empty();
    }

    /** {@code FEAT} is asked once per connection (commons-net keeps the answer until it reconnects). */
    private static long exactTime(FTPClient client, String path) throws IOException {
        FTPFile exact = null;
        if (client.hasFeature("MDTM")) {
            exact = client.mdtmFile(path);
        } else if (client.hasFeature("MLST")) {
            exact = client.mlistFile(path);
        }
        if (exact == null || exact.getTimestamp() == null) {
            LOG.debug("No exact time for {} from the FTP server ({}); its listing's time is used",
                    path, client.getReplyString() == null ? "" : client.getReplyString().trim());
            return DropState.UNKNOWN;
        }
        return exact.getTimestamp().getTimeInMillis();
    }
}
