package ru.gov.tomsk.opendata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * A refresh of the per-feed gauges never leaves the family empty in between: a series that stays keeps its meter
 * and takes the new value (a scrape during the refresh still finds it), and only a series whose feed is gone goes.
 */
class RefreshedGaugeTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RefreshedGauge gauge = new RefreshedGauge("opendata.feed.rows.read", "rows", registry);

    Gauge series(String feed) {
        return registry.find("opendata.feed.rows.read").tag("feed", feed).gauge();
    }

    @Test
    void aSeriesThatStaysKeepsItsMeterAndTakesTheNewValue() {
        gauge.set(List.of(new RefreshedGauge.Sample(Tags.of("feed", "a"), 10),
                new RefreshedGauge.Sample(Tags.of("feed", "b"), 20)));
        Gauge a = series("a");
        assertThat(a.value()).isEqualTo(10);

        gauge.set(List.of(new RefreshedGauge.Sample(Tags.of("feed", "a"), 11)));

        assertThat(series("a")).isSameAs(a);
        assertThat(a.value()).isEqualTo(11);
        assertThat(series("b")).as("a feed that is gone loses its series").isNull();
        assertThat(registry.find("opendata.feed.rows.read").gauges()).hasSize(1);

        gauge.set(List.of(new RefreshedGauge.Sample(Tags.of("feed", "a"), 12),
                new RefreshedGauge.Sample(Tags.of("feed", "c"), 30)));
        assertThat(series("a")).isSameAs(a);
        assertThat(a.value()).isEqualTo(12);
        assertThat(series("c").value()).isEqualTo(30);
    }
}
