package ru.gov.tomsk.opendata.source.drop;

import java.io.File;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.strategy.GenericFileExpressionRenamer;
import org.apache.camel.component.file.strategy.GenericFileRenameProcessStrategy;
import org.apache.camel.spi.CamelLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code processStrategy} of the file, ftp and sftp Kamelets: a dropped file is read only once it is complete,
 * whatever the server, and a file that changes while it is read fails its run but stays where it is.
 *
 * <p><b>Why not Camel's {@code readLock: changed}.</b> With a minimum age set, Camel's changed read lock (camel-file
 * and camel-ftp 4.17, {@code ExclusiveReadLockCheck}) only asks whether the listed modification time is older than
 * the service's clock minus the minimum age; it ignores the size. An FTP listing gives the time to the minute, and
 * a server's clock or zone may be off, so a file still being uploaded looks old and is read half-way. Here a file is
 * complete when the server has reported the same size and time (its exact time where it offers one, see
 * {@link FtpDropProbe}) across at least one check interval ({@code readLockCheckInterval}) and for at least the
 * minimum age ({@code readLockMinAge}) since the last change the service saw, measured on the service's own clock.
 * The server's times are only ever compared with its own earlier answers. Sightings are remembered between runs
 * ({@link DropSightings}), so a file seen unchanged long enough at an earlier run is not waited for again. The wait
 * within one run is bounded by {@code readLockTimeout}; a file still changing then is left untouched for a later run.
 *
 * <p><b>Why a process strategy rather than an {@code exclusiveReadLockStrategy}.</b> The file consumer moves a file
 * whose exchange failed to {@code moveFailed} ({@code .error/}) in the rollback of its process strategy
 * ({@code GenericFileRenameProcessStrategy}), whatever the cause, and a read lock is only told afterwards. A file
 * that changed while it was read is not a bad file: the department's client was still writing it, and moving it
 * would hide the complete file from the next run. Only the process strategy can leave it in place, so this one
 * decides the rollback and hands everything else (the moves to {@code move} and {@code moveFailed}, the local work
 * copy) to Camel's own rename strategy, built from the endpoint's options. The idempotent key is added by the
 * consumer only on success, so the file is not remembered as processed either. It supports the Kamelets'
 * options: {@code move} and {@code moveFailed}, and {@code noop} for dry runs (no move at all), not {@code preMove}
 * or {@code delete}.
 *
 * <p>One instance serves every feed's endpoint; it holds no state of its own besides the sightings.
 */
public class CompleteDrops implements GenericFileProcessStrategy<Object> {

    /** Name the Kamelets refer to. */
    public static final String BEAN = "completeDrops";
    /** Exchange property: the file was seen changed while it was read (the reason). */
    public static final String CHANGED_WHILE_READ = "OpendataDropChanged";
    /** Exchange property: what the file was like when it was found complete, for {@link #verify}. */
    static final String READING = "OpendataDropReading";
    private static final Logger LOG = LoggerFactory.getLogger(CompleteDrops.class);

    private final DropSightings sightings = new DropSightings();

    /** What is needed to look at the file again while it is read. */
    private record Reading(DropProbe probe, GenericFileOperations<Object> operations, GenericFile<Object> file,
                           DropState complete, String minAge) {
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<Object> operations, GenericFileEndpoint<Object> endpoint) {
        if (endpoint.getPreMove() != null || endpoint.isDelete()) {
            throw new IllegalArgumentException(BEAN + " supports the options move, moveFailed and noop only, not"
                    + " preMove or delete");
        }
    }

    /**
     * Waits until the file is complete (see the class comment); {@code false} leaves it untouched for a later run.
     * Never throws: the consumer would report a failure of this file as a failed poll, with a reason file for a file
     * that was never moved; a server that stops answering meanwhile is logged, and the file is read at a later run.
     */
    @Override
    public boolean begin(GenericFileOperations<Object> operations, GenericFileEndpoint<Object> endpoint,
                         Exchange exchange, GenericFile<Object> file) {
        DropProbe probe = DropProbe.of(operations);
        if (endpoint.isNoop()) {
            return lookOnce(probe, operations, endpoint, exchange, file);
        }
        String key = key(endpoint, file);
        long quiet = TimeUnit.MILLISECONDS.toNanos(Math.max(endpoint.getReadLockMinAge(), checkInterval(endpoint)));
        long timeout = TimeUnit.MILLISECONDS.toNanos(endpoint.getReadLockTimeout());
        long start = System.nanoTime();
        boolean waiting = false;
        while (true) {
            Optional<DropState> state;
            try {
                state = probe.look(operations, file);
            } catch (Exception e) {
                LOG.warn("{}: cannot look at the file to see whether it is complete ({}); it is read at a later run",
                        where(exchange, file), e.getMessage());
                return false;
            }
            if (state.isEmpty()) {
                LOG.debug("{}: gone before it could be read", where(exchange, file));
                sightings.forget(key);
                return false;
            }
            long now = System.nanoTime();
            DropSightings.Sighting sighting = sightings.see(key, state.get(), now);
            if (now - sighting.since() >= quiet && state.get().size() >= endpoint.getReadLockMinLength()) {
                complete(exchange, probe, operations, file, state.get(), endpoint);
                return true;
            }
            long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(checkInterval(endpoint)), sighting.since() + quiet - now);
            if (endpoint.getReadLockTimeout() > 0 && now - start + wait > timeout) {
                CamelLogger.log(LOG, level(endpoint), where(exchange, file) + " is still changing (now "
                        + state.get().describe() + "), or was not seen unchanged for " + minAge(endpoint)
                        + " within the " + millis(endpoint.getReadLockTimeout())
                        + " a run waits; it is left in place and read at a later run");
                return false;
            }
            if (!waiting) {
                waiting = true;
                LOG.info("{}: waiting until it has not changed for {} (now {})", where(exchange, file),
                        minAge(endpoint), state.get().describe());
            }
            if (!pause(exchange, wait)) {
                return false;
            }
        }
    }

    /**
     * A dry run ({@code noop}: nothing is moved or remembered) does not watch a file: it must answer at once, and
     * must not change what a run will see. It reads a file whose time, as the server reports it, is at least the
     * minimum age old on the service's clock, as a run would once it has watched it, and leaves any other for the
     * run; the read itself is still checked for changes by {@link #verify}.
     */
    private boolean lookOnce(DropProbe probe, GenericFileOperations<Object> operations,
                             GenericFileEndpoint<Object> endpoint, Exchange exchange, GenericFile<Object> file) {
        Optional<DropState> state;
        try {
            state = probe.look(operations, file);
        } catch (Exception e) {
            LOG.info("{}: cannot look at the file ({}); a dry run does not read it", where(exchange, file), e.getMessage());
            return false;
        }
        if (state.isEmpty()) {
            return false;
        }
        DropState now = state.get();
        long time = now.exactModified() != DropState.UNKNOWN ? now.exactModified() : now.listedModified();
        if (time == DropState.UNKNOWN || System.currentTimeMillis() - time < endpoint.getReadLockMinAge()) {
            LOG.info("{}: changed less than {} ago ({}); a dry run does not read it", where(exchange, file),
                    minAge(endpoint), now.describe());
            return false;
        }
        complete(exchange, probe, operations, file, now, endpoint);
        return true;
    }

    /**
     * The first step of the Kamelets' routes, once the file consumer has downloaded the file (ftp, sftp: to the
     * local work directory) and before anything reads it: the copy must be as long as the file was found complete,
     * and the server must still report the file as it did then. The body becomes the file's bytes, whose count is
     * checked again at their end. Does nothing for an exchange that did not come from {@link #begin}.
     */
    public void verify(Exchange exchange) throws Exception {
        Reading reading = exchange.getProperty(READING, Reading.class);
        if (reading == null) {
            return;
        }
        String name = reading.file().getFileNameOnly();
        DropState complete = reading.complete();
        String localCopy = exchange.getIn().getHeader(FileConstants.FILE_LOCAL_WORK_PATH, String.class);
        if (localCopy != null && new File(localCopy).length() != complete.size()) {
            throw changed(exchange, reading, name + " changed while it was read: " + new File(localCopy).length()
                    + " bytes arrived of the " + complete.size() + " it had");
        }
        Optional<DropState> now;
        try {
            now = reading.probe().look(reading.operations(), reading.file());
        } catch (Exception e) {
            throw changed(exchange, reading, name + " could not be looked at again after it was read, so it may have"
                    + " changed while it was read (" + e.getMessage() + ")");
        }
        if (!now.equals(Optional.of(complete))) {
            throw changed(exchange, reading, name + " changed while it was read: it had " + complete.describe()
                    + ", now " + now.map(DropState::describe).orElse("it is gone"));
        }
        InputStream bytes = exchange.getIn().getMandatoryBody(InputStream.class);
        exchange.getIn().setBody(new VerifiedDropStream(bytes, read -> {
            if (read != complete.size()) {
                throw changed(exchange, reading, "the file changed while it was read: " + read + " bytes were read of"
                        + " the " + complete.size() + " it had");
            }
        }));
    }

    /** Whether the exchange failed because its file changed while it was read; such a file stays in place. */
    public static boolean changedWhileRead(Exchange exchange) {
        if (exchange.getProperty(CHANGED_WHILE_READ) != null) {
            return true;
        }
        for (Throwable cause = exchange.getException(); cause != null;
             cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DropChangedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void abort(GenericFileOperations<Object> operations, GenericFileEndpoint<Object> endpoint,
                      Exchange exchange, GenericFile<Object> file) throws Exception {
        moves(endpoint, true).abort(operations, endpoint, exchange, file);
    }

    @Override
    public void commit(GenericFileOperations<Object> operations, GenericFileEndpoint<Object> endpoint,
                       Exchange exchange, GenericFile<Object> file) throws Exception {
        sightings.forget(key(endpoint, file));
        moves(endpoint, true).commit(operations, endpoint, exchange, file);
        if (!endpoint.isNoop()) {
            // a file of this name that was refused before is fixed now: its reason (and the refused copy, if the
            // department dropped a new one instead of re-queuing it) would list it as refused still
            String name = file.getFileNameOnly();
            String errors = sibling(file, DropNames.ERROR_DIR) + file.getFileSeparator();
            removeStale(operations, exchange, errors + DropNames.reason(name));
            removeStale(operations, exchange, errors + name);
            removeStale(operations, exchange, sibling(file, DropNames.requeuedReason(name)));
        }
    }

    /**
     * A failed file moves to {@code moveFailed}, unless it changed while it was read: then only the local copy is
     * removed and the file stays where the department's client is still writing it. (With a done-file, the consumer
     * has removed the done-file already, before this is called: the client writes a new one when the file is done.)
     */
    @Override
    public void rollback(GenericFileOperations<Object> operations, GenericFileEndpoint<Object> endpoint,
                         Exchange exchange, GenericFile<Object> file) throws Exception {
        sightings.forget(key(endpoint, file));
        boolean stays = changedWhileRead(exchange);
        if (stays) {
            LOG.warn("{}: it changed while it was read; it is left in place and read again once it has not changed"
                    + " for {}", where(exchange, file), minAge(endpoint));
        }
        moves(endpoint, !stays).rollback(operations, endpoint, exchange, file);
        if (!stays && !endpoint.isNoop()) {
            // the reason a re-queued file took along is superseded by the one just written in .error/
            removeStale(operations, exchange, sibling(file, DropNames.requeuedReason(file.getFileNameOnly())));
        }
    }

    /** {@code name} in the directory of {@code file}. */
    private static String sibling(GenericFile<Object> file, String name) {
        String parent = file.getParent();
        return parent == null || parent.isEmpty() ? name : parent + file.getFileSeparator() + name;
    }

    /**
     * Removes a file left from an earlier refusal of this file's name, if there is one; never fails the move. Deleted
     * without looking first: many FTP servers (MINA, vsftpd) leave names starting with a dot out of a listing.
     */
    private static void removeStale(GenericFileOperations<Object> operations, Exchange exchange, String path) {
        try {
            if (operations.deleteFile(path)) {
                LOG.info("{}: removed {}, left from an earlier refusal of this file", exchange.getFromRouteId(), path);
            }
        } catch (RuntimeException e) {
            // SFTP says "no such file" by an exception: only a file that is there and stays is worth a warning
            boolean stays;
            try {
                stays = operations.existsFile(path);
            } catch (RuntimeException unknown) {
                stays = true;
            }
            if (stays) {
                LOG.warn("{}: cannot remove {}, left from an earlier refusal of this file: {}",
                        exchange.getFromRouteId(), path, e.getMessage());
            }
        }
    }

    /**
     * Camel's own moves for this endpoint's {@code move} and (unless the file stays) {@code moveFailed}; none for a
     * dry run ({@code noop}), which only removes its local copy (ftp, sftp).
     */
    private static GenericFileRenameProcessStrategy<Object> moves(GenericFileEndpoint<Object> endpoint,
                                                                  boolean moveFailed) {
        GenericFileRenameProcessStrategy<Object> moves = new GenericFileRenameProcessStrategy<>();
        if (endpoint.isNoop()) {
            return moves;
        }
        if (endpoint.getMove() != null) {
            moves.setCommitRenamer(new GenericFileExpressionRenamer<>(endpoint.getMove()));
        }
        if (moveFailed && endpoint.getMoveFailed() != null) {
            moves.setFailureRenamer(new GenericFileExpressionRenamer<>(endpoint.getMoveFailed()));
        }
        return moves;
    }

    private void complete(Exchange exchange, DropProbe probe, GenericFileOperations<Object> operations,
                          GenericFile<Object> file, DropState state, GenericFileEndpoint<Object> endpoint) {
        // the listing's values of the complete file: what the consumer puts in the headers and in the idempotent key
        // (name, size, modified), so that the key remembered is the one a later listing of this same file gives
        file.setFileLength(state.size());
        if (state.listedModified() != DropState.UNKNOWN) {
            file.setLastModified(state.listedModified());
        }
        exchange.setProperty(READING, new Reading(probe, operations, file, state, minAge(endpoint)));
        LOG.debug("{}: complete ({})", where(exchange, file), state.describe());
    }

    private DropChangedException changed(Exchange exchange, Reading reading, String message) {
        DropChangedException changed = new DropChangedException(message + "; it is left in place and read again once it"
                + " has not changed for " + reading.minAge());
        exchange.setProperty(CHANGED_WHILE_READ, changed.getMessage());
        return changed;
    }

    /** Waits before the next look; false when the service is stopping (the file is then read at a later run). */
    private static boolean pause(Exchange exchange, long nanos) {
        if (exchange.getContext().isStopping()) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(nanos, TimeUnit.MILLISECONDS.toNanos(10)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The feed's minAge as it would write it: 30s, 2m. */
    private static String minAge(GenericFileEndpoint<?> endpoint) {
        return millis(endpoint.getReadLockMinAge());
    }

    private static String millis(long millis) {
        return millis % 60_000 == 0 && millis > 0 ? millis / 60_000 + "m"
                : millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static long checkInterval(GenericFileEndpoint<?> endpoint) {
        return Math.max(1, endpoint.getReadLockCheckInterval());
    }

    private static LoggingLevel level(GenericFileEndpoint<?> endpoint) {
        return endpoint.getReadLockLoggingLevel() == null ? LoggingLevel.WARN : endpoint.getReadLockLoggingLevel();
    }

    /** One file of one drop directory; the base URI names the server and directory, never a credential. */
    private static String key(GenericFileEndpoint<?> endpoint, GenericFile<?> file) {
        return endpoint.getEndpointBaseUri() + " " + file.getAbsoluteFilePath();
    }

    /** The feed's route and the file, for the log. */
    private static String where(Exchange exchange, GenericFile<?> file) {
        String route = exchange.getFromRouteId();
        return (route == null ? "" : route + ": ") + "file drop " + file.getAbsoluteFilePath();
    }
}
