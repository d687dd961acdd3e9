package ru.gov.tomsk.opendata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The checker of promtool's rules, on the very names the field test found and on the other rules; where promtool
 * is installed, it must say the same as promtool itself.
 */
class PromLintTest {

    static final String BAD = """
            # HELP opendata_feed_days_to_deadline Days from today to the deadline
            # TYPE opendata_feed_days_to_deadline gauge
            opendata_feed_days_to_deadline{feed="7017069388-fixture"} 60.0
            # HELP spring_security_filterchains_LoginThrottleFilter_before_total\\u0020
            # TYPE spring_security_filterchains_LoginThrottleFilter_before_total counter
            spring_security_filterchains_LoginThrottleFilter_before_total{spring_security_reached_filter_name="x"} 3.0
            # HELP camel_exchanges_total Total number of processed exchanges
            # TYPE camel_exchanges_total counter
            camel_exchanges_total{camelContext="c",routeId="a,b=\\"}",eventType="route"} 1.0
            # HELP opendata_versions Data versions published
            # TYPE opendata_versions counter
            opendata_versions 2.0
            # HELP opendata_outbox_total Deliveries to send
            # TYPE opendata_outbox_total gauge
            opendata_outbox_total 0.0
            # HELP jvm_compilation_time_ms_total Time spent compiling
            # TYPE jvm_compilation_time_ms_total counter
            jvm_compilation_time_ms_total 1.0
            # HELP system_cpu_count Processors
            # TYPE system_cpu_count gauge
            system_cpu_count 2.0
            # HELP opendata_payload_kilobytes Size
            # TYPE opendata_payload_kilobytes gauge
            opendata_payload_kilobytes{le="1"} 1.0
            # HELP opendata_queue_gauge Size
            # TYPE opendata_queue_gauge gauge
            opendata_queue_gauge{quantile="0.5"} 1.0
            # HELP opendata_ok_seconds A clean one
            # TYPE opendata_ok_seconds gauge
            opendata_ok_seconds{feed="x"} 1.0
            """.replace("\\u0020", " ");

    @Test
    void findsWhatPromtoolRejects() {
        assertThat(PromLint.problems(BAD)).containsExactlyInAnyOrder(
                "opendata_feed_days_to_deadline use base unit \"seconds\" instead of \"days\"",
                "spring_security_filterchains_LoginThrottleFilter_before_total no help text",
                "spring_security_filterchains_LoginThrottleFilter_before_total metric names should be written in 'snake_case' not 'camelCase'",
                "camel_exchanges_total label names should be written in 'snake_case' not 'camelCase'",
                "opendata_versions counter metrics should have \"_total\" suffix",
                "opendata_outbox_total non-counter metrics should not have \"_total\" suffix",
                "jvm_compilation_time_ms_total metric names should not contain abbreviated units",
                "system_cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix",
                "opendata_payload_kilobytes use base unit \"bytes\" instead of \"kilobytes\"",
                "opendata_payload_kilobytes non-histogram metrics should not have \"le\" label",
                "opendata_queue_gauge metric name should not include type 'gauge'",
                "opendata_queue_gauge non-summary metrics should not have \"quantile\" label");
    }

    @Test
    void readsLabelNamesPastEscapedQuotesCommasAndBraces() {
        PromLint.Family camel = PromLint.parse(BAD).stream().filter(f -> f.name().equals("camel_exchanges_total"))
                .findFirst().orElseThrow();
        assertThat(camel.labels()).containsExactly("camelContext", "routeId", "eventType");
        assertThat(camel.type()).isEqualTo("counter");
        assertThat(camel.help()).isEqualTo("Total number of processed exchanges");
    }

    @Test
    void saysWhatPromtoolSaysWhereItIsInstalled() throws Exception {
        Optional<Path> promtool = Promtool.find();
        org.junit.jupiter.api.Assumptions.assumeTrue(promtool.isPresent(), "promtool is not on the PATH");
        assertThat(PromLint.problems(BAD)).isEqualTo(Promtool.checkMetrics(promtool.get(), BAD));
    }
}
