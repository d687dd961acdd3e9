package ru.gov.tomsk.opendata.ops;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.http.HttpClients;
import ru.gov.tomsk.opendata.retry.Backoff;

/**
 * Posts events as JSON to {@code opendata.alerts.webhook-url}, asynchronously: a slow or broken receiver never
 * delays a run or the alert check. Tried {@code attempts} times, waiting by the service's {@link Backoff} from
 * {@code retry-delay}, then given up with an ERROR. Logs name the URL without query or user info and never the token.
 *
 * <p>The attempts are resilience4j's asynchronous {@link Retry}, not Camel's redelivery: no route sends here, and
 * the waits run on a scheduler of Camel's {@code ExecutorServiceManager} (given by {@link OpsConfiguration}), so no
 * thread is held while a receiver is down.
 */
public class Webhook {

    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);
    /**
     * The longest wait between two tries, whatever {@code attempts} and {@code retry-delay} make of the doubling: an
     * alert later than this is no longer news (the next checks raise what is still wrong).
     */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private final AlertProperties properties;
    private final ObjectMapper json;
    private final HttpClients http;
    private final HttpClient client;
    private final Supplier<ScheduledExecutorService> schedulers;
    private final RetryConfig retries;
    private ScheduledExecutorService scheduler;

    /**
     * @param schedulers makes the scheduler that the waits between tries run on, once, at the first post (Camel's
     *                   pools are made once Camel runs); its owner shuts it down
     */
    public Webhook(AlertProperties properties, ObjectMapper json, HttpClients http,
                   Supplier<ScheduledExecutorService> schedulers) {
        this.properties = properties;
        this.json = json;
        this.http = http;
        this.client = http.client(properties.timeout(), HttpClient.Redirect.NEVER);
        this.schedulers = schedulers;
        Duration first = properties.retryDelay();
        this.retries = RetryConfig.custom()
                .maxAttempts(properties.attempts())
                .intervalFunction(new Backoff(first, first.compareTo(LONGEST_WAIT) > 0 ? first : LONGEST_WAIT).intervals())
                .build();
    }

    public boolean enabled() {
        return properties.webhookUrl() != null;
    }

    /** Sends the event; completes with true once delivered, false once given up. Never completes exceptionally. */
    public CompletableFuture<Boolean> post(FeedEvent event) {
        if (!enabled()) {
            return CompletableFuture.completedFuture(false);
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(event.json());
        } catch (JsonProcessingException e) {
            LOG.error("Cannot write the webhook body of {} for feed {}: {}", event.kind(), event.feed(), e.getMessage());
            return CompletableFuture.completedFuture(false);
        }
        HttpRequest.Builder request = http.request(properties.webhookUrl(), properties.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (properties.webhookToken() != null) {
            request.header("Authorization", "Bearer " + properties.webhookToken());
        }
        HttpRequest built = request.build();
        String target = AlertProperties.redacted(properties.webhookUrl());
        Retry retry = Retry.of("webhook", retries);
        retry.getEventPublisher().onRetry(e -> LOG.warn("Webhook {} failed for {} of feed {} (attempt {} of {}): {}; "
                + "retrying in {} ms", target, event.kind(), event.feed(), e.getNumberOfRetryAttempts(),
                properties.attempts(), why(e.getLastThrowable()), e.getWaitInterval().toMillis()));
        return Retry.decorateCompletionStage(retry, scheduler(), () -> attempt(built)).get()
                .handle((delivered, error) -> {
                    if (error == null) {
                        return true;
                    }
                    LOG.error("Webhook {} gave up on {} of feed {} after {} attempt(s): {}", target, event.kind(),
                            event.feed(), properties.attempts(), why(error));
                    return false;
                })
                .toCompletableFuture();
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = schedulers.get();
        }
        return scheduler;
    }

    /** One try: a status other than 2xx fails it like a lost connection does. */
    private CompletionStage<Void> attempt(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new Refused(response.statusCode());
            }
            return null;
        });
    }

    private static String why(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Refused) {
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The receiver answered, but not with 2xx. */
    private static final class Refused extends RuntimeException {
        Refused(int status) {
            super("HTTP " + status, null, false, false);
        }
    }
}
