package ru.gov.tomsk.opendata.source.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.http.HttpClients;
import ru.gov.tomsk.opendata.http.RequestHeader;

/**
 * Fetches one page whole, with the source's credentials, timeouts and retries.
 *
 * <p>Retried: 5xx, 429 and 408 statuses, timeouts and lost or refused connections, waiting as {@link RetryPolicy}
 * says (or as the API's {@code Retry-After} says). The loop is its own, not Camel's redelivery: a page is fetched
 * inside the records' iterator, where redelivering the route's exchange would start the paging over from page one,
 * and not resilience4j's {@code Retry}, which can neither take its wait from a response's {@code Retry-After} and
 * fail when that is too long, nor wait through the {@link Sleeper} that the tests record. Any other 4xx fails at once, quoting the status and the start of
 * the body: asking again with the same credentials and URL cannot succeed.
 *
 * <p>Redirects are followed here rather than by the JDK client, so that credentials go only to the origin
 * (scheme, host, port) of the feed's URL: neither a redirect nor an API's next link may carry them elsewhere.
 */
final class PageFetcher {

    /** Largest page held in memory; an API that sends more needs a smaller page size. */
    static final int MAX_PAGE_BYTES = 50 * 1024 * 1024;
    /** Most characters of an error response quoted in a run's message. */
    static final int EXCERPT_CHARS = 300;
    /** Bytes of an error response kept for the excerpt; the rest is discarded as it arrives. */
    private static final int ERROR_BODY_BYTES = 4096;
    private static final int MAX_REDIRECTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(PageFetcher.class);

    /** How the fetcher waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Sleeper REAL_SLEEP = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    private final String feedId;
    private final HttpSourceSpec spec;
    private final HttpClient client;
    private final HttpClients http;
    private final Redactor redactor;
    private final Sleeper sleeper;
    private final Clock clock;
    private final URI origin;
    private final String authorization;

    /**
     * @param clock real time, for {@code Retry-After} dates (the API's clock, not the service's business clock)
     */
    PageFetcher(String feedId, HttpSourceSpec spec, HttpClients http, Sleeper sleeper, Clock clock) {
        this.feedId = feedId;
        this.spec = spec;
        this.sleeper = sleeper;
        this.clock = clock;
        this.redactor = spec.redactor();
        this.http = http;
        this.client = http.client(spec.connectTimeout(), HttpClient.Redirect.NEVER);
        this.origin = origin(URI.create(new Pager(spec).first().uri().toString()));
        this.authorization = spec.token() != null ? "Bearer " + spec.token()
                : spec.username() != null ? "Basic " + Base64.getEncoder().encodeToString(
                        (spec.username() + ":" + Objects.requireNonNullElse(spec.password(), ""))
                                .getBytes(StandardCharsets.UTF_8))
                : null;
    }

    /** The page, after as many attempts as the retry policy allows. */
    Page fetch(PageRequest request, String what) {
        RetryPolicy retry = spec.retry();
        int attempts = retry.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            String failure;
            Optional<Duration> retryAfter = Optional.empty();
            long started = System.nanoTime();
            try {
                Page page = send(request);
                if (page.status() >= 200 && page.status() < 300) {
                    LOG.debug("Feed {}: {} → {} ({} bytes, {} ms)", feedId, what, page.status(), page.body().length,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return page;
                }
                failure = "HTTP " + status(page.status()) + ": " + redactor.excerpt(page.body(), EXCERPT_CHARS);
                if (!retryable(page.status())) {
                    throw new HttpSourceException(what + " failed with " + failure + " (not retried: the same request"
                            + " would fail the same way)");
                }
                retryAfter = RetryPolicy.retryAfter(page.headers().firstValue("Retry-After").orElse(null), clock.instant());
            } catch (Retryable e) {
                failure = e.getMessage();
            }
            if (attempt == attempts) {
                throw new HttpSourceException(what + " failed after " + attempts + " attempt(s): " + failure);
            }
            Duration wait = retryAfter.orElse(retry.backoff(attempt));
            if (wait.compareTo(retry.maxDelay()) > 0) {
                throw new HttpSourceException(what + " failed with " + failure + "; the API asks to retry after "
                        + wait.toSeconds() + " s, longer than maxRetryDelay " + retry.maxDelay().toSeconds() + " s");
            }
            LOG.warn("Feed {}: {} failed with {}; retry {} of {} in {} ms", feedId, what, failure, attempt,
                    retry.retries(), wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpSourceException(what + ": interrupted while waiting to retry (the service is stopping)");
            }
        }
    }

    static boolean retryable(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** One attempt, following redirects. */
    private Page send(PageRequest request) {
        URI uri = request.uri();
        String method = request.method();
        String body = request.body();
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> response = exchange(uri, method, body);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(status) || location.isEmpty()) {
                return new Page(request, uri, status, response.headers(), response.body());
            }
            if (hop == MAX_REDIRECTS) {
                throw new HttpSourceException(redactor.url(request.uri().toString()) + ": more than " + MAX_REDIRECTS
                        + " redirects");
            }
            URI target = uri.resolve(location.get().strip());
            if ("https".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(target.getScheme())) {
                throw new HttpSourceException(redactor.url(uri.toString()) + " redirects from https to "
                        + redactor.url(target.toString()) + "; refused, credentials would travel unencrypted");
            }
            // as browsers do: 303, and 301/302 after a POST, continue with a GET without the body
            if (status == 303 || (method.equals("POST") && (status == 301 || status == 302))) {
                method = "GET";
                body = null;
            }
            uri = target;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private HttpResponse<byte[]> exchange(URI uri, String method, String body) {
        HttpRequest.Builder builder = http.request(uri, spec.readTimeout()).header("Accept", "application/json");
        boolean sameOrigin = origin(uri).equals(origin);
        if (sameOrigin && authorization != null) {
            builder.setHeader("Authorization", authorization);
        }
        for (RequestHeader header : spec.headers()) {
            boolean credential = header.value().contains("{apiKey}") || header.name().equalsIgnoreCase("Authorization")
                    || Redactor.isSecretName(header.name());
            if (sameOrigin || !credential) {
                builder.setHeader(header.name(), spec.apiKey() == null ? header.value()
                        : header.value().replace("{apiKey}", spec.apiKey()));
            }
        }
        if (body != null) {
            if (spec.headers().stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
                builder.header("Content-Type", "application/json");
            }
            builder.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String target = method + " " + redactor.url(uri.toString());
        CompletableFuture<HttpResponse<byte[]>> future;
        try {
            future = client.sendAsync(builder.build(), this::limitedBody);
        } catch (IllegalArgumentException e) {
            // a header the JDK client refuses (Host, Connection…): the feed's headers option is wrong
            throw new HttpSourceException("option 'headers': the HTTP client refuses a header: " + redactor.text(e.getMessage()));
        }
        try {
            // the request timeout covers the status line and headers only; this covers the body as well
            return future.get(spec.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Retryable("no complete response within readTimeout " + spec.readTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new HttpSourceException(target + ": interrupted (the service is stopping)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TooLarge) {
                throw new HttpSourceException(target + ": the page is larger than " + MAX_PAGE_BYTES / (1024 * 1024)
                        + " MB; ask for smaller pages (pageSize)");
            }
            if (cause instanceof HttpTimeoutException) {
                throw new Retryable((cause instanceof java.net.http.HttpConnectTimeoutException
                        ? "no connection within connectTimeout " + spec.connectTimeout().toMillis() + " ms"
                        : "no response within readTimeout " + spec.readTimeout().toMillis() + " ms"));
            }
            if (cause instanceof java.net.ConnectException || cause instanceof java.nio.channels.ClosedChannelException) {
                // the JDK client reports a refused connection as either, often without a message
                throw new Retryable("connection failed (" + describe(cause) + ")");
            }
            if (cause instanceof IOException) {
                throw new Retryable(describe(cause));
            }
            throw new HttpSourceException(target + ": " + describe(cause));
        }
    }

    /** An exception's class and message, masked: JDK messages sometimes quote the address. */
    private String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + redactor.url(root.getMessage());
        return root.getClass().getSimpleName() + message;
    }

    /** A success body up to the page limit (beyond it the run fails); of an error body only its start is kept. */
    private HttpResponse.BodySubscriber<byte[]> limitedBody(HttpResponse.ResponseInfo info) {
        boolean success = info.statusCode() >= 200 && info.statusCode() < 300;
        return new LimitedBody(success ? MAX_PAGE_BYTES : ERROR_BODY_BYTES, success);
    }

    static String status(int status) {
        String reason = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
        return reason == null ? Integer.toString(status) : status + " " + reason;
    }

    private static URI origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return URI.create(scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port);
    }

    /** A failure worth another attempt; its message is already masked. */
    private static final class Retryable extends RuntimeException {
        Retryable(String message) {
            super(message, null, false, false);
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("page too large");
        }
    }

    /**
     * Collects a body in memory up to a limit. A page over the limit fails (its records would be incomplete); an
     * error body over the limit is cut (only an excerpt is ever shown).
     */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final boolean failOverLimit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit, boolean failOverLimit) {
            this.limit = limit;
            this.failOverLimit = failOverLimit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return; // over the limit already: the rest is dropped as the cancellation takes effect
            }
            for (ByteBuffer buffer : buffers) {
                int room = limit - bytes.size();
                if (buffer.remaining() > room) {
                    if (failOverLimit) {
                        subscription.cancel();
                        result.completeExceptionally(new TooLarge());
                        return;
                    }
                    buffer.limit(buffer.position() + Math.max(room, 0));
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
