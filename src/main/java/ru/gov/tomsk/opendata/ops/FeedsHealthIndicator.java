package ru.gov.tomsk.opendata.ops;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health contributor {@code feeds}: every feed that needs an administrator, with its condition and reason.
 *
 * <p>Status: UP when no feed needs attention (at-risk feeds are listed but keep it UP: nothing is late yet);
 * {@value #DEGRADED_CODE} when a feed is failing, invalid, overdue or held. Never DOWN: the service itself works
 * and keeps publishing the other feeds, and this contributor is not part of liveness or readiness, so a failing
 * feed never gets the instance restarted or taken out of the load balancer. The {@code feeds} health group maps
 * {@value #DEGRADED_CODE} to HTTP 503 so that a plain HTTP probe alerts on it; the overall {@code /actuator/health}
 * maps it to 200.
 */
public class FeedsHealthIndicator implements HealthIndicator {

    public static final String DEGRADED_CODE = "DEGRADED";
    public static final Status DEGRADED = new Status(DEGRADED_CODE, "a feed needs an administrator");
    private static final Set<FeedCondition> DEGRADING = EnumSet.of(FeedCondition.INVALID, FeedCondition.FAILING,
            FeedCondition.OVERDUE, FeedCondition.HELD);
    private static final Set<FeedCondition> LISTED = EnumSet.of(FeedCondition.INVALID, FeedCondition.FAILING,
            FeedCondition.OVERDUE, FeedCondition.HELD, FeedCondition.AT_RISK);

    private final FeedStatuses statuses;

    public FeedsHealthIndicator(FeedStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Health health() {
        Map<String, Object> problems = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        boolean degraded = false;
        int total = 0;
        for (FeedStatus s : statuses.all()) {
            total++;
            counts.merge(s.condition().name(), 1, Integer::sum);
            if (LISTED.contains(s.condition())) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("condition", s.condition().name());
                detail.put("reason", s.reason());
                if (s.deadline() != null) {
                    detail.put("deadline", s.deadline().toString());
                }
                problems.put(s.identifier(), detail);
                degraded |= DEGRADING.contains(s.condition());
            }
        }
        return Health.status(degraded ? DEGRADED : Status.UP)
                .withDetail("feeds", total)
                .withDetail("conditions", counts)
                .withDetail("problems", problems)
                .build();
    }
}
