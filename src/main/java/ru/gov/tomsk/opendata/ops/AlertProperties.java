package ru.gov.tomsk.opendata.ops;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import ru.gov.tomsk.opendata.PositiveDuration;

/**
 * Alerts on feed events ({@code opendata.alerts.*}): always logged, optionally posted to a webhook.
 *
 * @param webhookUrl    where to POST each event as JSON; none: events are only logged
 * @param webhookToken  sent as {@code Authorization: Bearer ...}; from the environment
 *                      ({@code OPENDATA_ALERTS_WEBHOOK_TOKEN}), never a literal in a file; never logged
 * @param checkInterval how often runs, held versions, deadlines and deliveries are checked for new events
 * @param attempts      tries per event before it is given up (logged as ERROR)
 * @param retryDelay    pause before the second try; doubled for each further one, up to {@link Webhook#LONGEST_WAIT}
 * @param timeout       connect and response timeout of one try
 */
@Validated
@ConfigurationProperties("opendata.alerts")
public record AlertProperties(URI webhookUrl, String webhookToken,
                              @PositiveDuration @DefaultValue("1m") Duration checkInterval,
                              @Positive @DefaultValue("3") int attempts,
                              @PositiveDuration @DefaultValue("10s") Duration retryDelay,
                              @PositiveDuration @DefaultValue("10s") Duration timeout) {

    public AlertProperties {
        // checked here, not by a constraint: a failed constraint prints the value, and a webhook URL often carries a token
        if (webhookUrl != null && !("http".equals(webhookUrl.getScheme()) || "https".equals(webhookUrl.getScheme()))) {
            throw new IllegalArgumentException("opendata.alerts.webhook-url must be an http(s) URL, was " + redacted(webhookUrl));
        }
        webhookToken = webhookToken == null || webhookToken.isBlank() ? null : webhookToken.trim();
    }

    /** The URL without user info, query or fragment: safe for logs (tokens often travel in queries). */
    public static String redacted(URI url) {
        if (url == null) {
            return "none";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + (url.getPath() == null ? "" : url.getPath());
    }

    @Override
    public String toString() {
        return "AlertProperties[webhookUrl=" + redacted(webhookUrl) + ", webhookToken=" + (webhookToken == null ? "none" : "******")
                + ", checkInterval=" + checkInterval + ", attempts=" + attempts + ", retryDelay=" + retryDelay
                + ", timeout=" + timeout + "]";
    }
}
