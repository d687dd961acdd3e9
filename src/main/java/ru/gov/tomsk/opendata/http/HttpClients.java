package ru.gov.tomsk.opendata.http;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Where every outgoing HTTP call of the service gets its client and request: the HTTP source's pages, the portal
 * targets (ckan, http, harvest) and the alert webhook. What all of them share is set here once:
 * <ul>
 *   <li>HTTP/1.1: public-sector APIs and portals often sit behind proxies that mishandle HTTP/2 upgrades;</li>
 *   <li>the proxy of the JVM ({@code -Dhttps.proxyHost=… -Dhttps.proxyPort=… -Dhttp.nonProxyHosts=…}, e.g. in
 *       {@code JAVA_TOOL_OPTIONS}), so one setting covers every call;</li>
 *   <li>a {@code User-Agent} naming the service, so that a portal's logs tell our calls apart.</li>
 * </ul>
 * Each use keeps its own connect timeout (a feed's {@code connectTimeout}, a target's {@code connect-timeout}),
 * its own request timeout and its own redirect policy.
 *
 * <p>A client is made once per connect timeout and redirect policy and then shared: the JDK client keeps a
 * connection pool and a selector thread, which a client per run or per target would multiply.
 */
@Component
public class HttpClients {

    /** {@code opendata-bridge/<version>}, or without the version where the build does not say it (tests, IDE). */
    public static final String USER_AGENT = userAgent();

    private record Key(Duration connectTimeout, HttpClient.Redirect redirects) {
    }

    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * @param redirects {@code NEVER} where a redirect must not be followed blindly (a POST that would turn into a
     *                  GET, credentials that must stay at their origin), {@code NORMAL} where reading is all it does
     */
    public HttpClient client(Duration connectTimeout, HttpClient.Redirect redirects) {
        return clients.computeIfAbsent(new Key(connectTimeout, redirects), key -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(key.connectTimeout())
                    .followRedirects(key.redirects());
            ProxySelector proxy = ProxySelector.getDefault();
            if (proxy != null) {
                builder.proxy(proxy);
            }
            return builder.build();
        });
    }

    /** A request to {@code uri} with the service's {@code User-Agent}, bounded by the caller's own timeout. */
    public HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT);
    }

    private static String userAgent() {
        String version = HttpClients.class.getPackage().getImplementationVersion();
        return version == null ? "opendata-bridge" : "opendata-bridge/" + version;
    }
}
