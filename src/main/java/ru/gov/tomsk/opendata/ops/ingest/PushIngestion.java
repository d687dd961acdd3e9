package ru.gov.tomsk.opendata.ops.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.dataset.RecordMapper;
import ru.gov.tomsk.opendata.pipeline.DatasetPipeline;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.pipeline.FeedRunFailedException;
import ru.gov.tomsk.opendata.ops.ingest.PushRequests.PushRequest;
import ru.gov.tomsk.opendata.source.payload.PayloadException;

/**
 * Runs a push: its body is spooled to the work directory (within the size limit, hashed as it is written), checked
 * against an earlier push with the same Idempotency-Key, then sent as a file to the feed's route
 * ({@code direct:opendata-push-<feed>}, the {@code push-source} Kamelet), which streams it through the same
 * pipeline as every other run. A body is always spooled whole before anything runs: a connection cut half-way must
 * never publish the half that arrived (a CSV cut at a line end is a valid, smaller dataset), and the key's body must be
 * compared before anything is published.
 *
 * <p>One push of a feed runs at a time ({@link PushRequests#lock}); another push meanwhile is refused with 409 rather
 * than queued, so that the system that pushes always learns the outcome of its own push from its own answer.
 */
public class PushIngestion {

    /** Rejected records listed in an answer; the run's quarantine report has all of them. */
    static final int REJECTS_SHOWN = 10;
    private static final Logger LOG = LoggerFactory.getLogger(PushIngestion.class);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final RunLog runLog;
    private final GateRepository gate;
    private final PushRequests requests;
    private final PushProperties settings;
    private final Path spoolDir;
    private final String node;
    private final ObjectMapper json;
    private final Clock clock;
    private ExecutorService executor;

    public PushIngestion(CamelContext camel, RunLog runLog, GateRepository gate, PushRequests requests,
                         PushProperties settings, Path workDir, String node, ObjectMapper json, Clock clock) {
        this.camel = camel;
        this.producer = camel.createProducerTemplate();
        this.runLog = runLog;
        this.gate = gate;
        this.requests = requests;
        this.settings = settings;
        this.spoolDir = workDir.resolve("push");
        this.node = node;
        this.json = json;
        this.clock = clock;
    }

    public static String endpoint(String feedId) {
        return "direct:opendata-push-" + feedId;
    }

    public PushProperties settings() {
        return settings;
    }

    /** A body on disk, whole: its size and SHA-256. */
    public record Spooled(Path file, long size, String sha256) {
    }

    /** The answer to one request: its HTTP status and body, and whether it repeats an earlier push's. */
    public record Reply(int status, PushAnswer answer, String rawAnswer, boolean replayed) {
    }

    /** Thrown while spooling a body larger than {@code opendata.push.max-size}. */
    public static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the body is larger than the limit of " + limit + " bytes (opendata.push.max-size)");
        }
    }

    /** Thrown when a push finds its Idempotency-Key used by another body, or by a push that is running. */
    public static final class Refused extends RuntimeException {
        private final HttpStatus status;
        private final Long runningPush;

        Refused(HttpStatus status, String detail, Long runningPush) {
            super(detail);
            this.status = status;
            this.runningPush = runningPush;
        }

        public HttpStatus status() {
            return status;
        }

        /** The push being run, for a 409. */
        public Long runningPush() {
            return runningPush;
        }
    }

    /**
     * Writes the body to the spool directory as it arrives, never more than the limit: a body that exceeds it is
     * deleted and fails with {@link TooLarge}, whatever length it declared.
     */
    public Spooled spool(String feedId, InputStream body) throws IOException {
        Files.createDirectories(spoolDir);
        Path file = spoolDir.resolve(feedId + "-" + UUID.randomUUID() + ".body");
        long limit = settings.maxSize().toBytes();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long size = 0;
        try (InputStream in = new DigestInputStream(body, sha); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > limit) {
                    throw new TooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Spooled(file, size, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * Runs a spooled push, or answers it from the earlier push with the same key. {@code async}: run it on the push
     * executor and answer 202 at once. The spooled file is gone when this returns (or, when async, once it has run).
     *
     * @throws Refused the key names another body (422), or another push of the feed is running (409)
     */
    public Reply receive(FeedDefinition feed, Spooled body, String idempotencyKey, boolean async, String statusUrl) {
        String feedId = feed.identifier();
        boolean handedOver = false;
        try {
            requests.forgetBefore(clock.instant().minus(settings.keep()));
            Optional<Reply> earlier = earlier(feedId, idempotencyKey, body, statusUrl);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            long id;
            try {
                id = requests.start(feedId, idempotencyKey, body.sha256(), body.size());
            } catch (DuplicateKeyException e) {
                // the same key arrived twice at once: the other one is recorded now
                return earlier(feedId, idempotencyKey, body, statusUrl).orElseThrow(() -> e);
            }
            if (!requests.lock(feedId, id, node)) {
                requests.forget(id);
                throw new Refused(HttpStatus.CONFLICT, "another push of feed " + feedId + " is being processed; pushes of"
                        + " one feed never run at once: send this one again once that one has ended", null);
            }
            if (async) {
                try {
                    executor().execute(() -> run(feed, id, body));
                } catch (RejectedExecutionException e) {
                    requests.unlock(feedId, id);
                    requests.forget(id);
                    throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "too many large pushes are waiting to be"
                            + " processed; send this one again later", null);
                }
                handedOver = true;
                PushAnswer accepted = PushAnswer.accepted(feedId, id, statusUrl + id);
                return new Reply(HttpStatus.ACCEPTED.value(), accepted, write(accepted), false);
            }
            handedOver = true;
            return run(feed, id, body);
        } finally {
            if (!handedOver) {
                deleteQuietly(body.file());
            }
        }
    }

    /** The answer of a push, or of the push a retry repeats; empty if it is unknown or forgotten. */
    public Optional<Reply> status(String feedId, long push, String statusUrl) {
        return requests.byId(feedId, push).map(r -> reply(r, statusUrl, false));
    }

    private Optional<Reply> earlier(String feedId, String key, Spooled body, String statusUrl) {
        if (key == null) {
            return Optional.empty();
        }
        return requests.byKey(feedId, key).map(earlier -> {
            if (!earlier.bodySha256().equals(body.sha256())) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key '" + key + "' was used by push "
                        + earlier.id() + " of " + earlier.receivedAt() + " with another body (" + earlier.bodySize()
                        + " bytes, SHA-256 " + earlier.bodySha256() + "); a retry must send the very same body, and new"
                        + " data needs a new key", null);
            }
            LOG.info("Feed {}: push with Idempotency-Key of push {} answered as that one was", feedId, earlier.id());
            return reply(earlier, statusUrl, true);
        });
    }

    private Reply reply(PushRequest request, String statusUrl, boolean replayed) {
        if (!request.done()) {
            PushAnswer accepted = PushAnswer.accepted(request.feedId(), request.id(), statusUrl + request.id());
            return new Reply(HttpStatus.ACCEPTED.value(), accepted, write(accepted), replayed);
        }
        return new Reply(request.httpStatus(), null, request.answer(), replayed);
    }

    /** Runs the push through its feed's route and records its answer; always releases the lock and the spooled body. */
    private Reply run(FeedDefinition feed, long id, Spooled body) {
        String feedId = feed.identifier();
        Long runId = null;
        PushAnswer answer;
        int status;
        try {
            String name = "push-" + id + "." + feed.source().options().getOrDefault("format", "body");
            Exchange exchange = producer.send(endpoint(feedId), e -> {
                e.getIn().setBody(body.file().toFile());
                e.getIn().setHeader(Exchange.FILE_NAME_ONLY, name);
            });
            runId = exchange.getProperty(DatasetPipeline.RUN_PROPERTY, Long.class);
            Exception error = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            Optional<FeedRun> run = runId == null ? Optional.empty() : runLog.run(runId);
            if (run.isPresent()) {
                answer = answer(feedId, id, run.get(), error);
            } else {
                answer = failed(feedId, id, runId, error == null ? "the run was not recorded" : FeedRunFailedException.describe(error));
            }
        } catch (RuntimeException e) {
            LOG.error("Feed {}: push {} failed", feedId, id, e);
            answer = failed(feedId, id, runId, FeedRunFailedException.describe(e));
        } finally {
            deleteQuietly(body.file());
        }
        status = httpStatus(answer.outcome());
        String raw = write(answer);
        try {
            requests.finish(id, runId, status, raw, !PushAnswer.FAILED.equals(answer.outcome()));
        } finally {
            requests.unlock(feedId, id);
        }
        return new Reply(status, answer, raw, false);
    }

    private PushAnswer answer(String feedId, long id, FeedRun run, Exception error) {
        PushAnswer.Counts counts = new PushAnswer.Counts(run.rowsRead(), run.rowsWritten(), run.rowsRejected());
        List<PushAnswer.Reject> rejects = gate.quarantine(run.id()).stream().limit(REJECTS_SHOWN)
                .map(q -> new PushAnswer.Reject(q.row(), q.key(), q.field(), q.reason())).toList();
        String outcome = switch (run.status()) {
            case PUBLISHED -> PushAnswer.PUBLISHED;
            case UNCHANGED -> PushAnswer.UNCHANGED;
            case HELD -> PushAnswer.HELD;
            // what the department sent cannot be read as its dataset: sending it again will not help
            case FAILED, INVALID -> error != null && isTheData(error) ? PushAnswer.REJECTED : PushAnswer.FAILED;
            case RUNNING -> PushAnswer.FAILED;
        };
        boolean versioned = run.status() == RunStatus.PUBLISHED || run.status() == RunStatus.UNCHANGED;
        return new PushAnswer(feedId, id, outcome, run.message(), run.id(), counts, versioned ? run.dataVersion() : null,
                run.heldId(), rejects.isEmpty() ? null : rejects, null);
    }

    private static PushAnswer failed(String feedId, long id, Long runId, String message) {
        return new PushAnswer(feedId, id, PushAnswer.FAILED, message, runId, null, null, null, null, null);
    }

    /** Whether a run failed on the body itself (unreadable, malformed, columns missing) rather than on the service. */
    static boolean isTheData(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PayloadException || t instanceof RecordMapper.MissingSourceColumnException) {
                return true;
            }
        }
        return false;
    }

    static int httpStatus(String outcome) {
        return switch (outcome) {
            case PushAnswer.REJECTED -> HttpStatus.UNPROCESSABLE_ENTITY.value();
            case PushAnswer.FAILED -> HttpStatus.INTERNAL_SERVER_ERROR.value();
            default -> HttpStatus.OK.value();
        };
    }

    private String write(PushAnswer answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer of push " + answer.push(), e);
        }
    }

    /** Camel's managed pool, so that it stops with Camel; created on the first large push. */
    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = camel.getExecutorServiceManager().newThreadPool(this, "opendata-push", 1, 4);
        }
        return executor;
    }

    /**
     * At start: the pushes this node was running when it stopped end as failed, their locks are released, and their
     * spooled bodies are deleted.
     */
    public void recover() {
        String answer;
        try {
            answer = json.writeValueAsString(java.util.Map.of("outcome", PushAnswer.FAILED, "message",
                    "the service stopped while the push was processed; send it again"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int released = requests.releaseLocksOf(node, answer);
        if (released > 0) {
            LOG.warn("{} push(es) were cut short by the last stop of this node; they are recorded as failed", released);
        }
        if (Files.isDirectory(spoolDir)) {
            try (var files = Files.list(spoolDir)) {
                files.forEach(PushIngestion::deleteQuietly);
            } catch (IOException e) {
                LOG.warn("Cannot clear the push spool directory {}: {}", spoolDir, e.getMessage());
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete the spooled push {}: {}", file, e.getMessage());
        }
    }
}
