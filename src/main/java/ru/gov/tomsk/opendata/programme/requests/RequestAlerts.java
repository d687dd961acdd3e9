package ru.gov.tomsk.opendata.programme.requests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.AlertLedger;
import ru.gov.tomsk.opendata.ops.FeedAlerts;
import ru.gov.tomsk.opendata.ops.FeedEvent;
import ru.gov.tomsk.opendata.ops.FeedEventKind;
import ru.gov.tomsk.opendata.ops.Webhook;

/**
 * The requests' alerts, raised like the feeds' ({@code ops.FeedAlerts}), each once cluster-wide through the
 * {@link AlertLedger}: {@code REQUEST_AT_RISK} and {@code REQUEST_OVERDUE} once per request and deadline, logged
 * (WARN, ERROR) and posted to the alert webhook with the request's number in {@code feed}. No text of the request
 * and no contact goes out: the number is enough to open it in the console.
 */
@Component
public class RequestAlerts {

    private final RequestDeadlines deadlines;
    private final AlertLedger ledger;
    private final Webhook webhook;
    private final java.time.Clock clock;

    public RequestAlerts(RequestDeadlines deadlines, AlertLedger ledger, Webhook webhook, java.time.Clock clock) {
        this.deadlines = deadlines;
        this.ledger = ledger;
        this.webhook = webhook;
        this.clock = clock;
    }

    /** Raises every alert that is due and not raised yet; returns the ones this call raised. */
    public synchronized List<FeedEvent> check() {
        Instant now = clock.instant();
        List<FeedEvent> raised = new ArrayList<>();
        for (RequestDeadlines.Tracked t : deadlines.all()) {
            DataRequest r = t.request();
            String title = "Запрос на новый набор данных № " + r.number();
            if (t.status() == RequestStatus.AT_RISK) {
                raise(raised, new FeedEvent(FeedEventKind.REQUEST_AT_RISK, r.number(), title, null, "request "
                        + r.number() + " is unanswered and its deadline " + r.dueOn() + " is " + t.daysLeft()
                        + " day(s) away", r.dueOn(), null, now));
            } else if (t.status() == RequestStatus.OVERDUE) {
                raise(raised, new FeedEvent(FeedEventKind.REQUEST_OVERDUE, r.number(), title, null, "overdue: request "
                        + r.number() + " was to be answered by " + r.dueOn(), r.dueOn(), null, now));
            }
        }
        return raised;
    }

    private void raise(List<FeedEvent> raised, FeedEvent event) {
        if (FeedAlerts.raiseOnce(ledger, webhook, event, event.deadline().toString(), "request")) {
            raised.add(event);
        }
    }
}
