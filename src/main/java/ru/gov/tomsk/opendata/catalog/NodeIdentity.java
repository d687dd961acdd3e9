package ru.gov.tomsk.opendata.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;

/**
 * This node's name in the state database, the same across its restarts: {@code opendata.node-id} when set
 * (e.g. the pod name of a StatefulSet), otherwise generated once ({@code <host>-<random>}) and kept in
 * {@code <work-dir>/node-id}. A lease on a delivery names the node holding it, so a restarted node knows its own
 * interrupted deliveries and takes them back at once instead of waiting for their leases to run out; a run names it
 * too, so a restarted node closes the runs its previous life left RUNNING (a host name alone changes with every
 * container restart).
 *
 * <p>That is safe only while no other running process has the same identity: the node holds an exclusive lock on
 * {@code <work-dir>/node-<id>.lock} while it runs (the operating system drops it when the process dies, even by
 * {@code kill -9}), and a second instance on the same work directory is refused at start-up. Instances on other
 * hosts with the same configured {@code node-id} cannot be told apart: give each its own.
 */
@Component
public class NodeIdentity implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(NodeIdentity.class);
    static final String SETTING = "opendata.node-id";

    private final String id;
    private final FileChannel lockFile;
    private final FileLock lock;

    public NodeIdentity(OpendataProperties properties) {
        String configured = properties.nodeId();
        Path workDir = properties.workDir().toAbsolutePath();
        try {
            Files.createDirectories(workDir);
            this.id = configured != null ? configured : kept(workDir.resolve("node-id"));
            Path lockPath = workDir.resolve("node-" + id + ".lock");
            this.lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = lockFile.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                held = null;
            }
            if (held == null) {
                lockFile.close();
                throw new IllegalStateException("node '" + id + "' is already running on " + workDir + " (" + lockPath
                        + " is locked): give each instance its own opendata.work-dir, or its own " + SETTING);
            }
            this.lock = held;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the node identity in " + workDir + " (opendata.work-dir): "
                    + e.getMessage(), e);
        }
        LOG.info("Node identity '{}' ({})", id, configured != null ? SETTING : workDir.resolve("node-id"));
    }

    /** The node's name, as {@code delivery.claimed_by} and {@code outbox_node.node_id} hold it. */
    public String id() {
        return id;
    }

    /** The identity kept in the work directory, made the first time (written atomically: never half a name). */
    private static String kept(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (id.matches(OpendataProperties.NODE_ID)) {
                return id;
            }
            LOG.warn("{} does not hold a node name ('{}'); a new one is made", file, id);
        }
        String id = host() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        AtomicFiles.writeIfChanged(file, (id + "\n").getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private static String host() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        host = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replaceAll("^[^a-z0-9]+", "");
        return host.isEmpty() ? "node" : host.substring(0, Math.min(host.length(), 80));
    }

    @Override
    public void destroy() throws IOException {
        try {
            lock.release();
        } finally {
            lockFile.close();
        }
    }
}
