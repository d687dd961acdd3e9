package ru.gov.tomsk.opendata.programme.requests;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.FeedsHealthIndicator;

/**
 * Health contributor {@code requests} ({@code /actuator/health/requests}): the requests for new datasets by status,
 * and the numbers of those at risk and overdue with their deadlines (never their text or contact).
 *
 * <p>{@value FeedsHealthIndicator#DEGRADED_CODE} when a request is overdue, as an overdue feed makes {@code feeds}:
 * an administrator must act, the service itself works. Never DOWN or OUT_OF_SERVICE: a late answer is no reason to
 * restart the instance or to take it out of the load balancer, and the contributor is in neither probe. At-risk
 * requests are listed but keep it UP: nothing is late yet.
 */
@Component("requestsHealthIndicator")
public class RequestsHealthIndicator implements HealthIndicator {

    private final RequestDeadlines deadlines;

    public RequestsHealthIndicator(RequestDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public Health health() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RequestStatus s : RequestStatus.values()) {
            counts.put(s.metricLabel(), 0);
        }
        Map<String, String> atRisk = new LinkedHashMap<>();
        Map<String, String> overdue = new LinkedHashMap<>();
        for (RequestDeadlines.Tracked t : deadlines.all()) {
            counts.merge(t.status().metricLabel(), 1, Integer::sum);
            if (t.status() == RequestStatus.AT_RISK) {
                atRisk.put(t.request().number(), t.request().dueOn().toString());
            } else if (t.status() == RequestStatus.OVERDUE) {
                overdue.put(t.request().number(), t.request().dueOn().toString());
            }
        }
        return Health.status(overdue.isEmpty() ? Status.UP : FeedsHealthIndicator.DEGRADED)
                .withDetail("states", counts)
                .withDetail("atRisk", atRisk)
                .withDetail("overdue", overdue)
                .build();
    }
}
