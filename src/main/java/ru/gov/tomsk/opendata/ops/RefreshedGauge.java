package ru.gov.tomsk.opendata.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * A gauge family with one series per tag set (per feed), recomputed on a timer. A series that is still there after a
 * refresh keeps its meter and only takes the new value: {@code MultiGauge.register(rows, true)} would remove and
 * register every series again, and a scrape in between (Prometheus scrapes whenever it likes) would find the whole
 * family missing, which an {@code absent()} alert reads as an outage. Series whose tags are gone are removed.
 */
final class RefreshedGauge {

    /** One series: its tags and its value now. */
    record Sample(Tags tags, double value) {
    }

    /** A value a registered series reads, replaced in place on each refresh. */
    private static final class Value {
        private volatile double value;

        double get() {
            return value;
        }
    }

    private final MultiGauge gauge;
    private Map<Tags, Value> values = Map.of();

    RefreshedGauge(String name, String description, MeterRegistry registry) {
        this.gauge = MultiGauge.builder(name).description(description).register(registry);
    }

    /** The series as of now: existing ones take their new value, new ones are registered, missing ones removed. */
    synchronized void set(List<Sample> samples) {
        Map<Tags, Value> next = new HashMap<>();
        for (Sample sample : samples) {
            Value value = next.computeIfAbsent(sample.tags(), tags -> values.getOrDefault(tags, new Value()));
            value.value = sample.value();
        }
        // without overwrite, a series already registered keeps its meter (which reads the same Value)
        gauge.register(next.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(e.getKey(), e.getValue(), Value::get)).toList(), false);
        values = next;
    }
}
