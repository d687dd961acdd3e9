package ru.gov.tomsk.opendata.programme.requests;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;

/**
 * The deadlines of the requests for new datasets, tracked like the feeds' ({@code ops.Deadlines}): the day is the
 * region's ({@code opendata.time-zone}), the deadline day itself is still in time, overdue starts the next day, and
 * a request is at risk from {@code warn-days} days before its deadline. An answer is on time when it was given by
 * the end of the deadline day in the region's calendar.
 */
@Component
public class RequestDeadlines {

    private final Clock clock;
    private final ZoneId zone;
    private final int warnDays;
    private final DataRequests requests;

    public RequestDeadlines(Clock clock, OpendataProperties opendata, ProgrammeProperties programme,
                            DataRequests requests) {
        this.clock = clock;
        this.zone = opendata.timeZone();
        this.warnDays = programme.requests().warnDays();
        this.requests = requests;
    }

    /** Today in the region's calendar. */
    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    public RequestStatus status(DataRequest request) {
        return status(request, today());
    }

    RequestStatus status(DataRequest request, LocalDate today) {
        if (request.answered()) {
            LocalDate answeredOn = request.answeredAt().atZone(zone).toLocalDate();
            return answeredOn.isAfter(request.dueOn()) ? RequestStatus.ANSWERED_LATE : RequestStatus.ANSWERED_ON_TIME;
        }
        if (today.isAfter(request.dueOn())) {
            return RequestStatus.OVERDUE;
        }
        return daysLeft(request, today) <= warnDays ? RequestStatus.AT_RISK : RequestStatus.ON_TIME;
    }

    /** Calendar days from today to the deadline: 0 on the deadline day, negative once overdue. */
    public long daysLeft(DataRequest request) {
        return daysLeft(request, today());
    }

    private static long daysLeft(DataRequest request, LocalDate today) {
        return ChronoUnit.DAYS.between(today, request.dueOn());
    }

    /** Every request with its status, the newest first. */
    public List<Tracked> all() {
        LocalDate today = today();
        return requests.all().stream().map(r -> new Tracked(r, status(r, today), daysLeft(r, today))).toList();
    }

    /** How many requests are in each status, every status present (0 if none). */
    public Summary summary() {
        LocalDate today = today();
        Map<RequestStatus, Integer> counts = new EnumMap<>(RequestStatus.class);
        for (RequestStatus s : RequestStatus.values()) {
            counts.put(s, 0);
        }
        for (DataRequest r : requests.all()) {
            counts.merge(status(r, today), 1, Integer::sum);
        }
        return new Summary(counts);
    }

    public int warnDays() {
        return warnDays;
    }

    /** A request with where it stands today. */
    public record Tracked(DataRequest request, RequestStatus status, long daysLeft) {
    }

    /** The number of requests in each status. */
    public record Summary(Map<RequestStatus, Integer> counts) {

        public Summary {
            counts = Map.copyOf(counts);
        }

        public int of(RequestStatus status) {
            return counts.getOrDefault(status, 0);
        }

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Unanswered: on time, at risk and overdue. */
        public int open() {
            return of(RequestStatus.ON_TIME) + of(RequestStatus.AT_RISK) + of(RequestStatus.OVERDUE);
        }

        public int atRisk() {
            return of(RequestStatus.AT_RISK);
        }

        public int overdue() {
            return of(RequestStatus.OVERDUE);
        }

        public int answeredLate() {
            return of(RequestStatus.ANSWERED_LATE);
        }
    }
}
