package ru.gov.tomsk.opendata.programme.requests;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A request for a new dataset, as the state database keeps it (table {@code data_request}). The contact e-mail is
 * here for the notice only: nothing public reads it ({@link #publicWhat()}, {@link #publicWhy()} are what is shown).
 *
 * @param number       registration number, З-&lt;year&gt;-&lt;seq&gt; (e.g. З-2026-0007)
 * @param registeredAt when it was registered
 * @param dueOn        the deadline of the answer (registration day in the region's calendar + 30 days)
 * @param what         the data asked for, as the citizen wrote it
 * @param why          what for, as written (may be null)
 * @param redactedWhat what the public sees of {@code what} once an operator redacted it, else null
 * @param redactedWhy  likewise for {@code why}
 * @param contactEmail the requester's e-mail, never published; null if none was given
 * @param department   ИНН of the department the request is routed to, null until assigned
 * @param outcome      the answer's outcome, null until answered
 * @param answer       the answer's text (for REFUSED: the reason)
 * @param datasetId    PUBLISHED: the dataset's identifier
 * @param plannedOn    PLANNED: the date the dataset is planned for
 * @param noticeState  PENDING, SENT or FAILED once answered with a contact; null otherwise
 */
public record DataRequest(long id, String number, Instant registeredAt, LocalDate dueOn, String what, String why,
                          String redactedWhat, String redactedWhy, String contactEmail, RequestState state,
                          String department, String assignedBy, Instant assignedAt, RequestOutcome outcome,
                          String answer, String datasetId, LocalDate plannedOn, String answeredBy, Instant answeredAt,
                          String noticeState, int noticeAttempts, Instant noticeSentAt, String noticeError) {

    /** The text of the request as published: the redacted one if an operator redacted it. */
    public String publicWhat() {
        return redactedWhat != null ? redactedWhat : what;
    }

    public String publicWhy() {
        return redactedWhy != null ? redactedWhy : why;
    }

    public boolean answered() {
        return state == RequestState.ANSWERED;
    }

    public boolean redacted() {
        return redactedWhat != null || redactedWhy != null;
    }
}
