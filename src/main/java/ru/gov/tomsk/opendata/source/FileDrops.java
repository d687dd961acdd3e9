package ru.gov.tomsk.opendata.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.source.drop.CompleteDrops;
import ru.gov.tomsk.opendata.source.drop.DropNames;

/**
 * What the file-drop kinds ({@code file}, {@code ftp}, {@code sftp}) do around a dropped file besides reading it:
 * the date folder a processed file is archived under, and the reason file a failed one gets beside it.
 */
public class FileDrops {

    /** Name the Kamelets refer to. */
    public static final String BEAN = "fileDrops";
    /**
     * Exchange property: the drop's consumer endpoint. The exchange's own from-endpoint is the Kamelet's once it has
     * passed {@code kamelet:sink}, so a failure in the pipeline would not know the drop any more.
     */
    public static final String DROP_ENDPOINT = "OpendataDropEndpoint";
    private static final Logger LOG = LoggerFactory.getLogger(FileDrops.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Clock clock;
    private final ZoneId zone;

    public FileDrops(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Today as {@code yyyyMMdd} in the region's zone, on the service clock (the one version stamps and runs use),
     * for {@code move: .done/${bean:fileDrops.today}/${file:name}}.
     */
    public String today() {
        return clock.instant().atZone(zone).format(DAY);
    }

    /**
     * Where a failed file-drop poll tried to read, for the run's message: {@code sftp://user@host:22/inbox} or the
     * local directory; never a credential. {@code null} when the failure belongs to a file, whose own message
     * names it.
     */
    public String pollTarget(Exchange exchange) {
        if (exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE) != null) {
            return null;
        }
        Endpoint endpoint = dropEndpoint(exchange);
        if (endpoint instanceof RemoteFileEndpoint<?> remote) {
            return remote.getConfiguration().remoteServerInformation() + "/" + remote.getConfiguration().getDirectory();
        }
        if (endpoint instanceof FileEndpoint local) {
            return local.getFile().getPath();
        }
        return null;
    }

    /**
     * What an operator should do about a failure whose cause speaks in a library's terms, or {@code null}. Only
     * SFTP host-key refusals need one: JSch says "reject HostKey" for a key it does not know.
     */
    public String hint(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.startsWith("HostKey has been changed")) {
                return "the server's host key differs from the one in known_hosts: the server may be impersonated,"
                        + " or its key was replaced; check with the server's owner before changing known_hosts";
            }
            if (message.startsWith("reject HostKey") || message.startsWith("UnknownHostKey")) {
                return "the server's host key is not in known_hosts (the feed's knownHostsFile, else the service"
                        + " user's ~/.ssh/known_hosts); check the key with the server's owner and add it"
                        + " (e.g. ssh-keyscan -p <port> <host>)";
            }
        }
        return null;
    }

    /**
     * Writes {@code .error/<name>.error.txt} beside the failed file, in the drop's own directory (on the FTP or SFTP
     * server for those kinds), so the department sees why without asking an operator. {@code reason} is what the run
     * log says, never a credential. Does nothing for a failure that has no file (the server could not be reached),
     * nor for a file that changed while it was read, which stays where it is. A reason that cannot be written is logged; it never hides the run's own failure.
     */
    public void writeReason(Exchange exchange, String feedId, String reason) {
        GenericFile<?> file = exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, GenericFile.class);
        if (file == null || CompleteDrops.changedWhileRead(exchange)) {
            // a file that changed while it was read stays in the drop directory (CompleteDrops), not in .error/
            return;
        }
        String name = DropNames.reason(file.getFileNameOnly());
        byte[] text = reasonText(feedId, file.getFileNameOnly(), exchange, reason);
        Endpoint endpoint = dropEndpoint(exchange);
        try {
            if (endpoint instanceof RemoteFileEndpoint<?> remote) {
                writeRemote(remote, file, name, text);
            } else if (endpoint instanceof FileEndpoint) {
                Path dir = Files.createDirectories(Path.of(file.getParent()).resolve(DropNames.ERROR_DIR));
                Files.write(dir.resolve(name), text);
            }
        } catch (Exception e) {
            LOG.warn("Feed {}: cannot write the reason file {}/{}: {}", feedId, DropNames.ERROR_DIR, name, e.getMessage());
        }
    }

    /** Remembers the drop's consumer endpoint; called as the exchange enters the Kamelet's route. */
    public static void rememberDropEndpoint(Exchange exchange) {
        if (exchange.getProperty(DROP_ENDPOINT) == null) {
            exchange.setProperty(DROP_ENDPOINT, exchange.getFromEndpoint());
        }
    }

    /** The drop's consumer endpoint (see {@link #DROP_ENDPOINT}). */
    public static Endpoint dropEndpoint(Exchange exchange) {
        Endpoint remembered = exchange.getProperty(DROP_ENDPOINT, Endpoint.class);
        return remembered != null ? remembered : exchange.getFromEndpoint();
    }

    private byte[] reasonText(String feedId, String fileName, Exchange exchange, String reason) {
        ZonedDateTime failed = clock.instant().atZone(zone);
        String text = "Feed: " + feedId + "\n"
                + "File: " + fileName + "\n"
                + "Failed: " + failed.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "Reason: " + reason + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Over a connection of its own, made from the consumer endpoint's settings (host, credentials, host key
     * checking, passive mode): a producer on that endpoint would also write the feed's done-file for the reason file.
     */
    private static <T> void writeRemote(RemoteFileEndpoint<T> endpoint, GenericFile<?> file, String name, byte[] text)
            throws Exception {
        RemoteFileOperations<T> operations = endpoint.createRemoteFileOperations();
        try {
            Exchange upload = new DefaultExchange(endpoint.getCamelContext());
            operations.connect(endpoint.getConfiguration(), upload);
            String dir = file.getParent() + "/" + DropNames.ERROR_DIR;
            operations.buildDirectory(dir, dir.startsWith("/"));
            upload.getIn().setBody(text);
            if (!operations.storeFile(dir + "/" + name, upload, text.length)) {
                throw new IOException("the server refused to store it");
            }
        } finally {
            operations.disconnect();
        }
    }
}
