package ru.gov.tomsk.opendata.source.drop;

import java.util.Optional;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.remote.FtpOperations;
import org.apache.camel.component.file.remote.SftpOperations;

/** Looks at one dropped file again, through the connection of the consumer that listed it. */
interface DropProbe {

    /** The file as the server reports it now; empty when it is gone. */
    Optional<DropState> look(GenericFileOperations<?> operations, GenericFile<?> file) throws Exception;

    /** The probe for the file-drop kind the operations belong to: ftp (and ftps), sftp or a local directory. */
    static DropProbe of(GenericFileOperations<?> operations) {
        if (operations instanceof FtpOperations) {
            return new FtpDropProbe();
        }
        if (operations instanceof SftpOperations) {
            return new SftpDropProbe();
        }
        return new LocalDropProbe();
    }

    /** The directory to list for a file, the way Camel's own read locks list it. */
    static String parentOf(GenericFile<?> file) {
        String parent = file.getParent();
        return parent == null || parent.equals("/") || parent.equals("\\") ? null : parent;
    }
}
