package ru.gov.tomsk.opendata.source.drop;

import java.util.Optional;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.remote.SftpOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;

/** An SFTP file's size and time, from the directory listing: SFTP reports both exactly (the time to the second). */
final class SftpDropProbe implements DropProbe {

    @Override
    public Optional<DropState> look(GenericFileOperations<?> operations, GenericFile<?> file) {
        SftpOperations sftp = (SftpOperations) operations;
        String parent = DropProbe.parentOf(file);
        SftpRemoteFile<?>[] listing = parent == null ? sftp.listFiles() : sftp.listFiles(parent);
        for (SftpRemoteFile<?> entry : listing) {
            if (!entry.isDirectory() && entry.getFilename().equals(file.getFileNameOnly())) {
                return Optional.of(new DropState(entry.getFileLength(), entry.getLastModified(), entry.getLastModified()));
            }
        }
        return Optional.empty();
    }
}
