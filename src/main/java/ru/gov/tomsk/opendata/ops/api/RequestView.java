package ru.gov.tomsk.opendata.ops.api;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.programme.requests.DataRequest;
import ru.gov.tomsk.opendata.programme.requests.RequestDeadlines;

/**
 * A request for a new dataset as the admin API shows it. {@code contactEmail} only in the answer about one request,
 * and only to an OPERATOR: never in a list.
 *
 * @param status    where it stands against its deadline: ON_TIME, AT_RISK, OVERDUE, ANSWERED_ON_TIME, ANSWERED_LATE
 * @param daysLeft  calendar days to the deadline in the region's calendar (0 on the day, negative when overdue)
 * @param what      the citizen's own words; {@code publicWhat} is what the public page shows
 */
@Schema(name = "DataRequest")
@JsonInclude(JsonInclude.Include.NON_NULL)
record RequestView(String number, Instant registeredAt, LocalDate dueOn, String state, String status, long daysLeft,
                   String what, String why, String publicWhat, String publicWhy, boolean redacted,
                   String department, String departmentName, String assignedBy, Instant assignedAt, String outcome,
                   String answer, String dataset, LocalDate plannedOn, String answeredBy, Instant answeredAt,
                   boolean hasContact, String contactEmail, String noticeState, Integer noticeAttempts,
                   Instant noticeSentAt, String noticeError) {

    static RequestView of(RequestDeadlines.Tracked t, String departmentName, boolean withContact) {
        DataRequest r = t.request();
        return new RequestView(r.number(), r.registeredAt(), r.dueOn(), r.state().name(), t.status().name(),
                t.daysLeft(), r.what(), r.why(), r.publicWhat(), r.publicWhy(), r.redacted(), r.department(),
                departmentName, r.assignedBy(), r.assignedAt(), r.outcome() == null ? null : r.outcome().name(),
                r.answer(), r.datasetId(), r.plannedOn(), r.answeredBy(), r.answeredAt(), r.contactEmail() != null,
                withContact ? r.contactEmail() : null, r.noticeState(),
                r.noticeState() == null ? null : r.noticeAttempts(), r.noticeSentAt(), r.noticeError());
    }
}
