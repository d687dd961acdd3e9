package ru.gov.tomsk.opendata.ops;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts events as JSON to {@code opendata.alerts.webhook-url}, asynchronously: a slow or broken receiver never
 * delays a run or the alert check. Retried {@code attempts} times with a doubling pause, then given up with an
 * ERROR. Logs name the URL without query or user info and never the token.
 */
public class Webhook {

    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);

    private final AlertProperties properties;
    private final ObjectMapper json;
    private final HttpClient client;

    public Webhook(AlertProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
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
        HttpRequest.Builder request = HttpRequest.newBuilder(properties.webhookUrl())
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "opendata-bridge")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (properties.webhookToken() != null) {
            request.header("Authorization", "Bearer " + properties.webhookToken());
        }
        return attempt(request.build(), event, 1);
    }

    private CompletableFuture<Boolean> attempt(HttpRequest request, FeedEvent event, int attempt) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        return CompletableFuture.completedFuture(true);
                    }
                    String why = error != null ? error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())
                            : "HTTP " + response.statusCode();
                    String target = AlertProperties.redacted(properties.webhookUrl());
                    if (attempt >= properties.attempts()) {
                        LOG.error("Webhook {} gave up on {} of feed {} after {} attempt(s): {}", target, event.kind(),
                                event.feed(), attempt, why);
                        return CompletableFuture.completedFuture(false);
                    }
                    long delay = properties.retryDelay().toMillis() << (attempt - 1);
                    LOG.warn("Webhook {} failed for {} of feed {} (attempt {} of {}): {}; retrying in {} ms", target,
                            event.kind(), event.feed(), attempt, properties.attempts(), why, delay);
                    return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(request, event, attempt + 1));
                })
                .thenCompose(f -> f);
    }
}
