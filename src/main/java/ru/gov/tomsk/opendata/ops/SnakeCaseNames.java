package ru.gov.tomsk.opendata.ops;

import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;

/**
 * Prometheus names in snake_case throughout, as {@code promtool check metrics} demands. Micrometer's Prometheus
 * convention only turns dots into underscores, so camelCase that libraries put into names and tag keys survives:
 * Camel tags every meter with {@code camelContext}, {@code routeId}, {@code eventType}, {@code endpointName}
 * (constants, no option changes them), and Spring Security names a filter it does not know after its class.
 * Here each camelCase hump becomes a word of its own ({@code routeId} → {@code route_id}).
 *
 * <p>A naming convention applies only where meters are exported: the meters keep their ids, so Camel and Spring
 * still find their own meters by their own tag keys, which renaming tags with a {@code MeterFilter} would break.
 */
final class SnakeCaseNames implements NamingConvention {

    // a lower-case letter or digit before a capital, or a run of capitals before a capitalised word (HTTPServer)
    private static final Pattern HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    private final NamingConvention prometheus = new PrometheusNamingConvention();

    @Override
    public String name(String name, Meter.Type type, String baseUnit) {
        return prometheus.name(words(name), type, baseUnit);
    }

    @Override
    public String tagKey(String key) {
        return prometheus.tagKey(words(key));
    }

    static String words(String camel) {
        return HUMP.matcher(camel).replaceAll("_").toLowerCase(java.util.Locale.ROOT);
    }
}
