package ru.gov.tomsk.opendata.publish;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ru.gov.tomsk.opendata.catalog.PublishedDataset;

/**
 * What {@code kind: sftp} and {@code kind: ftp} share: the portal's file server mirrors the published tree, like
 * {@link DirectoryTarget} does for a local directory. Per delivery, in this order: the data and structure files the
 * server lacks (a remote file of the same name and size counts as present: versions are immutable), then the
 * dataset's {@code meta.*} where their bytes differ, then the registry {@code list.*} last. Every file is uploaded
 * under a hidden temporary name ({@code .<name>.tmp-<uuid>}) in its target directory and renamed into place, so a
 * reader of the server never sees half a file nor a link to a file that is not there yet.
 *
 * <p>The server's registry lists the datasets that publish to this target and whose {@code meta.csv} it holds
 * ({@link TargetRegistry}). Every failure is a
 * {@link DeliveryResult.Outcome#RETRY RETRY} (server down, login refused, host key unknown: an operator can fix
 * each); messages never carry a password or passphrase.
 */
abstract class RemoteTarget implements DeliveryTarget {

    static final String TEMP_MARK = ".tmp-";

    /** One open connection to the server; paths are '/'-separated, relative to the login directory or absolute. */
    interface Session extends Closeable {

        /** Regular files of a directory (hidden ones included) with their sizes; empty if the directory does not exist. */
        Map<String, Long> list(String dir) throws IOException;

        /** Creates the directory and its missing parents. */
        void mkdirs(String dir) throws IOException;

        /** The file's bytes, or null if there is no such file. */
        byte[] read(String path) throws IOException;

        /** Writes a new file (the temporary name: it does not exist). */
        void upload(String path, InputStream content) throws IOException;

        /** Moves {@code from} onto {@code to}, replacing {@code to} if it exists. */
        void rename(String from, String to) throws IOException;

        void delete(String path) throws IOException;
    }

    private final String name;
    private final String scheme;
    private final String directory;
    private final TargetRegistry registry;
    /** The server and the login, for the subclass that connects. */
    final PublishProperties.Remote remote;
    final int port;

    RemoteTarget(String name, String scheme, int defaultPort, PublishProperties.Remote remote, TargetRegistry registry) {
        this.name = name;
        this.scheme = scheme;
        this.directory = remote.directory() == null ? "" : remote.directory().replaceAll("/+$", "");
        this.registry = registry;
        this.remote = remote;
        this.port = remote.port() == null ? defaultPort : remote.port();
    }

    @Override
    public String name() {
        return name;
    }

    /** Connects and logs in. */
    abstract Session open() throws IOException;

    /** Where the server is, for messages: {@code sftp://user@host:port/dir} (never a secret). */
    final String where() {
        String dir = remote.directory() == null ? "" : remote.directory();
        return scheme + "://" + remote.username() + "@" + remote.host() + ":" + port + (dir.startsWith("/") ? "" : "/") + dir;
    }

    /** {@code dir} and its parents, outermost first ({@code /a/b} gives {@code /a}, {@code /a/b}): what mkdirs walks. */
    static List<String> pathsDown(String dir) {
        List<String> paths = new ArrayList<>();
        StringBuilder path = new StringBuilder(dir.startsWith("/") ? "/" : "");
        for (String segment : dir.split("/")) {
            if (!segment.isEmpty()) {
                path.append(path.length() == 0 || path.charAt(path.length() - 1) == '/' ? "" : "/").append(segment);
                paths.add(path.toString());
            }
        }
        return paths;
    }

    @Override
    public DeliveryResult deliver(DatasetDelivery delivery) {
        PublishedDataset dataset = delivery.dataset();
        String identifier = dataset.identifier();
        if (identifier.isEmpty() || identifier.startsWith(".") || identifier.contains("/") || identifier.contains("\\")) {
            return DeliveryResult.permanent("'" + identifier + "' is not a dataset folder name");
        }
        String datasetDir = path(directory, identifier);
        try (Session session = open()) {
            session.mkdirs(datasetDir);
            Map<String, Long> present = session.list(datasetDir);
            // left by an attempt that died mid-upload; the outbox lets one delivery per dataset and target run at a time
            for (String file : present.keySet()) {
                if (isTemporary(file)) {
                    session.delete(path(datasetDir, file));
                }
            }
            int uploaded = 0;
            for (String file : dataset.files()) {
                Path source = dataset.directory().resolve(file);
                if (!Files.isRegularFile(source)) {
                    return DeliveryResult.retry("the published file " + file + " of " + identifier
                            + " is missing from the local catalogue (" + source + ")");
                }
                Long size = present.get(file);
                if (size != null && size == Files.size(source)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(source)) {
                    put(session, datasetDir, file, in);
                }
                uploaded++;
            }
            boolean passportChanged = false;
            for (Map.Entry<String, byte[]> meta : dataset.passport().entrySet()) {
                passportChanged |= putIfChanged(session, datasetDir, meta.getKey(), meta.getValue());
            }
            // last: only now does the server hold everything its registry will link to
            Map<String, byte[]> lists;
            try {
                lists = registry.render(name, identifier, id -> holdsPassport(session, id));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (!directory.isEmpty()) {
                session.mkdirs(directory);
            }
            for (String file : session.list(directory).keySet()) {
                if (isTemporary(file)) {
                    session.delete(path(directory, file));
                }
            }
            boolean registryChanged = false;
            for (Map.Entry<String, byte[]> list : lists.entrySet()) {
                registryChanged |= putIfChanged(session, directory, list.getKey(), list.getValue());
            }
            return DeliveryResult.delivered(uploaded + " file(s) uploaded to " + where() + "/" + identifier
                    + "; passport " + (passportChanged ? "updated" : "unchanged")
                    + ", registry " + (registryChanged ? "updated" : "unchanged"));
        } catch (IOException | RuntimeException e) {
            return DeliveryResult.retry("cannot write " + where() + ": " + describe(e));
        }
    }

    private boolean holdsPassport(Session session, String identifier) {
        if (identifier.startsWith(".") || identifier.contains("/")) {
            return false;
        }
        try {
            return session.list(path(directory, identifier)).containsKey("meta.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean putIfChanged(Session session, String dir, String file, byte[] bytes) throws IOException {
        byte[] remote = session.read(path(dir, file));
        if (remote != null && Arrays.equals(remote, bytes)) {
            return false;
        }
        put(session, dir, file, new java.io.ByteArrayInputStream(bytes));
        return true;
    }

    /** Uploads under a hidden temporary name beside the target, then renames it into place. */
    private static void put(Session session, String dir, String file, InputStream content) throws IOException {
        String temp = path(dir, "." + file + TEMP_MARK + UUID.randomUUID());
        try {
            session.upload(temp, content);
            session.rename(temp, path(dir, file));
        } catch (IOException | RuntimeException e) {
            try {
                session.delete(temp);
            } catch (IOException | RuntimeException ignored) {
                // the connection may be gone; the next attempt removes it
                e.addSuppressed(ignored);
            }
            throw e;
        }
    }

    static boolean isTemporary(String file) {
        return file.startsWith(".") && file.contains(TEMP_MARK);
    }

    static String path(String dir, String file) {
        return dir.isEmpty() ? file : dir + "/" + file;
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.strip();
    }

    /**
     * A server target's kind: checks what every server needs (the {@code remote} block, host, login and port),
     * then what the kind needs, and makes the target.
     */
    abstract static class RemoteKind implements TargetKind {

        private final String kind;
        private final String server;
        private final String settings;
        final TargetRegistry registry;

        /**
         * @param server   how messages name the server, e.g. "SFTP server"
         * @param settings what the block must hold, for the message when it is missing
         */
        RemoteKind(String kind, String server, String settings, TargetRegistry registry) {
            this.kind = kind;
            this.server = server;
            this.settings = settings;
            this.registry = registry;
        }

        @Override
        public final String name() {
            return kind;
        }

        @Override
        public final DeliveryTarget create(String target, PublishProperties.Target config) {
            PublishProperties.Remote remote = config.remote();
            if (remote == null) {
                throw new IllegalArgumentException("opendata.targets." + target + ".remote is missing: the " + server
                        + " (" + settings + ")");
            }
            require(target, "host", remote.host(), "the " + server + "'s host name");
            require(target, "username", remote.username(), "the login");
            if (remote.port() != null && (remote.port() < 1 || remote.port() > 65535)) {
                throw new IllegalArgumentException(key(target, "port") + " " + remote.port() + " is not a port number");
            }
            return create(target, remote);
        }

        /** The kind's own checks (how to log in), then the target. */
        abstract DeliveryTarget create(String target, PublishProperties.Remote remote);
    }

    /** The setting's full key, for start-up messages. */
    static String key(String target, String setting) {
        return "opendata.targets." + target + ".remote." + setting;
    }

    static String require(String target, String setting, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key(target, setting) + " is missing: " + what);
        }
        return value;
    }
}
