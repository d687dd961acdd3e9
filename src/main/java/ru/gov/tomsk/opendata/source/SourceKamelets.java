package ru.gov.tomsk.opendata.source;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kamelet.KameletComponent;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.SourceKind;

/**
 * How a route starts from a source kind's Kamelet ({@code kamelet:<kind>-source/<source route id>}), for a feed's
 * route and for a dry run alike.
 *
 * <p>The Kamelet's parameters never travel in the endpoint URI: they are given to the kamelet component as the
 * properties of the Kamelet's own route ({@code camel.component.kamelet.route-properties[<route id>]}), so a SQL
 * query or a password reaches the Kamelet as it is, whatever characters it holds ({@code ?}, {@code &}, {@code %},
 * {@code #}, {@code )}, {@code +}), with no URI encoding to get right.
 */
public final class SourceKamelets {

    private SourceKamelets() {
    }

    /**
     * The Kamelet's parameters for a feed: the service's ({@code feedId}, the schedule, the region's zone, the work
     * directory where the kind takes one) and the feed's source options. Quartz cron fields are separated by '+'
     * inside an endpoint URI.
     */
    public static Map<String, String> parameters(FeedDefinition feed, SourceKind kind, String cron, ZoneId zone,
                                                 Path workDir) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("feedId", feed.identifier());
        parameters.put("cron", cron.trim().replaceAll("\\s+", "+"));
        parameters.put("timeZone", zone.getId());
        if (kind.serviceParameters().contains("workDir")) {
            parameters.put("workDir", workDir.toAbsolutePath().toString());
        }
        feed.source().options().forEach((option, value) -> parameters.put(option, value(kind, option, value)));
        return parameters;
    }

    /**
     * Feeds write named SQL parameters the documented Camel way, {@code :#lastSuccessAt}; camel-sql only turns
     * {@code #} into its internal {@code ?} for queries in the endpoint URI, and the Kamelet passes the query in the
     * body (so that any SQL survives), so the conversion happens here.
     */
    static String value(SourceKind kind, String option, String value) {
        return "sql".equals(kind.name()) && "query".equals(option) ? value.replaceAll(":#(\\w)", ":?$1") : value;
    }

    /**
     * The consumer URI of a route reading the kind's Kamelet, whose own route gets the id {@code sourceRouteId} and
     * these parameters.
     */
    public static String endpoint(CamelContext camel, SourceKind kind, String sourceRouteId, Map<String, String> parameters) {
        Properties properties = new Properties();
        properties.putAll(parameters);
        routeProperties(camel).put(sourceRouteId, properties);
        return "kamelet:" + kind.templateId() + "/" + sourceRouteId;
    }

    /**
     * Stops and removes the Kamelet's own route (Camel leaves it when the route that reads it is removed) and
     * forgets its parameters. Returns false, leaving it running, when it does not stop within the timeout.
     */
    public static boolean remove(CamelContext camel, String sourceRouteId, long timeoutMillis) throws Exception {
        if (camel.getRoute(sourceRouteId) != null) {
            if (!camel.getRouteController().stopRoute(sourceRouteId, timeoutMillis, TimeUnit.MILLISECONDS, true)) {
                return false;
            }
            camel.removeRoute(sourceRouteId);
        }
        forget(camel, sourceRouteId);
        return true;
    }

    /** Forgets the parameters of a Kamelet route that is removed. */
    public static void forget(CamelContext camel, String sourceRouteId) {
        routeProperties(camel).remove(sourceRouteId);
    }

    private static Map<String, Properties> routeProperties(CamelContext camel) {
        KameletComponent kamelets = camel.getComponent("kamelet", KameletComponent.class);
        synchronized (kamelets) {
            if (!(kamelets.getRouteProperties() instanceof ConcurrentHashMap)) {
                Map<String, Properties> shared = new ConcurrentHashMap<>();
                if (kamelets.getRouteProperties() != null) {
                    shared.putAll(kamelets.getRouteProperties());
                }
                kamelets.setRouteProperties(shared);
            }
            return kamelets.getRouteProperties();
        }
    }
}
