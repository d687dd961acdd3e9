package ru.gov.tomsk.opendata.publish;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import ru.gov.tomsk.opendata.http.HttpClients;

/**
 * What the targets that speak HTTP ({@code ckan}, {@code http}, {@code harvest}) share: one client per target,
 * the timeout of a request, and how a request that got no answer is described.
 */
abstract class WebTarget implements DeliveryTarget {

    private final String name;
    final HttpClients http;
    final HttpClient client;
    final Duration timeout;

    WebTarget(String name, HttpClients http, Duration connectTimeout, HttpClient.Redirect redirects, Duration timeout) {
        this.name = name;
        this.http = http;
        this.client = http.client(connectTimeout, redirects);
        this.timeout = timeout;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Why a request got no answer ("no connection within 5S", "connection refused"), or null for another failure. */
    final String noAnswer(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + client.connectTimeout().orElseThrow();
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout;
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return null;
    }

    /** {@link #noAnswer} or, for another failure, its message (its type where it has none). */
    final String failure(IOException e) {
        String why = noAnswer(e);
        if (why != null) {
            return why;
        }
        return describe(e);
    }

    static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
