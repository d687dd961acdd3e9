package ru.gov.tomsk.opendata.programme.requests;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code opendata_data_requests{state=...}}: the number of requests for new datasets in each {@link RequestStatus}
 * ({@code on_time}, {@code at_risk}, {@code overdue}, {@code answered_on_time}, {@code answered_late}). The states are
 * disjoint, so {@code sum(opendata_data_requests)} is every request and the open ones are the first three.
 * Recomputed every {@code opendata.metrics.refresh-interval} (and on demand), like the feeds' metrics.
 */
@Component
public class RequestMetrics {

    static final String NAME = "opendata.data.requests";

    private final RequestDeadlines deadlines;
    private final Map<RequestStatus, AtomicLong> counts = new EnumMap<>(RequestStatus.class);

    public RequestMetrics(RequestDeadlines deadlines, MeterRegistry registry) {
        this.deadlines = deadlines;
        for (RequestStatus status : RequestStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder(NAME, count, AtomicLong::get)
                    .description("Requests for new datasets by where they stand against their 30-day deadline")
                    .tag("state", status.metricLabel())
                    .register(registry);
        }
    }

    public void refresh() {
        RequestDeadlines.Summary summary = deadlines.summary();
        counts.forEach((status, count) -> count.set(summary.of(status)));
    }
}
