package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.AtomicFiles;
import ru.gov.tomsk.opendata.catalog.PublishedDataset;

/**
 * {@code kind: directory}: mirrors the published tree into a directory, e.g. the regional portal's share
 * mounted on this host. Per delivery, in this order: every data and structure file of the dataset's listed
 * versions that the mirror lacks or holds with other bytes, then the dataset's {@code meta.*}, then the
 * registry {@code list.*}; every file written under a hidden temporary name and renamed into place. So a
 * reader of the mirror never sees half a file, nor a link to a file that is not there yet.
 *
 * <p>The mirror's registry lists only the datasets that publish to this target and whose passport the mirror
 * holds ({@link TargetRegistry}): a dataset that is not delivered to this target (or not yet) is not linked from it.
 */
final class DirectoryTarget implements DeliveryTarget {

    private final String name;
    private final Path root;
    private final TargetRegistry registry;

    DirectoryTarget(String name, Path root, TargetRegistry registry) {
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
        this.registry = registry;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(DatasetDelivery delivery) {
        PublishedDataset dataset = delivery.dataset();
        Path mirror = root.resolve(dataset.identifier()).normalize();
        if (!root.equals(mirror.getParent())) {
            // identifiers are checked when feeds load; this keeps a bad row from writing outside the mirror
            return DeliveryResult.permanent("'" + dataset.identifier() + "' is not a dataset folder name");
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            return DeliveryResult.retry(root + " is not a directory (opendata.targets." + name + ".path)");
        }
        try {
            Files.createDirectories(mirror);
            // left by an attempt that died mid-copy; the outbox lets one delivery per dataset and target run at a time
            removeTemporaryFiles(mirror);
            int copied = 0;
            for (String file : dataset.files()) {
                Path source = dataset.directory().resolve(file);
                if (!Files.isRegularFile(source)) {
                    return DeliveryResult.retry("the published file " + file + " of " + dataset.identifier()
                            + " is missing from the local catalogue (" + source + ")");
                }
                if (copy(source, mirror.resolve(file))) {
                    copied++;
                }
            }
            boolean passportChanged = false;
            for (Map.Entry<String, byte[]> meta : dataset.passport().entrySet()) {
                passportChanged |= AtomicFiles.writeIfChanged(mirror.resolve(meta.getKey()), meta.getValue());
            }
            // last: only now does the mirror hold everything its registry will link to
            Map<String, byte[]> lists = registry.render(name, dataset.identifier(),
                    identifier -> Files.isRegularFile(root.resolve(identifier).resolve("meta.csv")));
            boolean registryChanged = false;
            for (Map.Entry<String, byte[]> list : lists.entrySet()) {
                registryChanged |= AtomicFiles.writeIfChanged(root.resolve(list.getKey()), list.getValue());
            }
            return DeliveryResult.delivered(copied + " file(s) copied to " + mirror + "; passport "
                    + (passportChanged ? "updated" : "unchanged") + ", registry " + (registryChanged ? "updated" : "unchanged"));
        } catch (IOException e) {
            return DeliveryResult.retry("cannot write the mirror: " + describe(e));
        }
    }

    /** Copies unless the target already has these bytes (versions are immutable: usually it has). */
    private static boolean copy(Path source, Path target) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == Files.size(source) && Files.mismatch(source, target) == -1) {
            return false;
        }
        Path temp = AtomicFiles.tempFor(target);
        try {
            Files.copy(source, temp);
            AtomicFiles.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return true;
    }

    private static void removeTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(AtomicFiles::isTemporary).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The path and the reason, without a stack trace: what an operator needs to fix the mirror. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "a file of that name is in the way"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return f.getFile() + ": " + reason + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Component
    static final class Kind implements TargetKind {

        private final TargetRegistry registry;
        private final Path portalDir;

        Kind(TargetRegistry registry, OpendataProperties properties) {
            this.registry = registry;
            this.portalDir = properties.portalDir().toAbsolutePath().normalize();
        }

        @Override
        public String name() {
            return "directory";
        }

        @Override
        public DeliveryTarget create(String name, PublishProperties.Target settings) {
            if (settings.path() == null) {
                throw new IllegalArgumentException("opendata.targets." + name + ".path is missing: the directory to mirror into");
            }
            if (settings.path().toAbsolutePath().normalize().startsWith(portalDir)) {
                // it would copy the published tree onto itself, or nest a second registry inside it
                throw new IllegalArgumentException("opendata.targets." + name + ".path " + settings.path()
                        + " is inside the published tree " + portalDir + " (opendata.portal-dir); mirror elsewhere");
            }
            return new DirectoryTarget(name, settings.path(), registry);
        }
    }
}
