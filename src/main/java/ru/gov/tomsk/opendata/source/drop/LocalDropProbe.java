package ru.gov.tomsk.opendata.source.drop;

import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperations;

/**
 * A local (or mounted) file's size and time. On a mounted share the time comes from the file server's clock, which
 * is why it too is only compared with an earlier look, never with the service's clock.
 */
final class LocalDropProbe implements DropProbe {

    @Override
    public Optional<DropState> look(GenericFileOperations<?> operations, GenericFile<?> file) throws IOException {
        try {
            BasicFileAttributes attributes = java.nio.file.Files.readAttributes(((File) file.getFile()).toPath(),
                    BasicFileAttributes.class);
            long modified = attributes.lastModifiedTime().toMillis();
            return attributes.isRegularFile()
                    ? Optional.of(new DropState(attributes.size(), modified, modified)) : Optional.empty();
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }
}
