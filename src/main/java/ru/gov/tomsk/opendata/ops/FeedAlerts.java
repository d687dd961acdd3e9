package ru.gov.tomsk.opendata.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.HeldVersion;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.publish.Delivery;
import ru.gov.tomsk.opendata.publish.DeliveryStatus;
import ru.gov.tomsk.opendata.publish.Outbox;

/**
 * Turns feed statuses into alerts, each raised once: logged (ERROR or WARN) and posted to the webhook.
 *
 * <p>Derived from the state database on every {@linkplain #check() check} rather than hooked into the runs:
 * a run never waits for an alert, nothing is lost when a node stops between a failure and its alert, and the
 * {@link AlertLedger}'s primary key decides which node of a cluster raises it. What counts as "once":
 * a failed run per run id (only a feed's newest run, so the first check after an upgrade does not replay
 * history), a held version per held id, at-risk and overdue per deadline date, a given-up delivery per delivery
 * and round of attempts, an invalid feed file per error text.
 */
public class FeedAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(FeedAlerts.class);
    /** Ledger rows older than this are about subjects that cannot come back (past deadlines, old runs). */
    private static final Duration LEDGER_KEEP = Duration.ofDays(400);

    private final FeedStatuses statuses;
    private final GateRepository gate;
    private final Outbox outbox;
    private final AlertLedger ledger;
    private final Webhook webhook;
    private final Clock clock;

    public FeedAlerts(FeedStatuses statuses, GateRepository gate, Outbox outbox, AlertLedger ledger, Webhook webhook,
                      Clock clock) {
        this.statuses = statuses;
        this.gate = gate;
        this.outbox = outbox;
        this.ledger = ledger;
        this.webhook = webhook;
        this.clock = clock;
    }

    /** Raises every alert that is due and not raised yet; returns the ones this call raised. */
    public synchronized List<FeedEvent> check() {
        Instant now = clock.instant();
        List<FeedEvent> raised = new ArrayList<>();
        for (FeedStatus s : statuses.all()) {
            if (s.condition() == FeedCondition.INVALID) {
                raise(raised, new FeedEvent(FeedEventKind.FEED_INVALID, s.identifier(), s.title(), s.condition(), s.reason(),
                        null, null, now), Integer.toHexString(s.reason().hashCode()));
            }
            if (s.lastRun() != null && s.lastRun().status() == RunStatus.FAILED) {
                raise(raised, new FeedEvent(FeedEventKind.RUN_FAILED, s.identifier(), s.title(), s.condition(),
                        "run " + s.lastRun().id() + " failed: " + s.lastRun().message(), s.deadline(), s.lastRun().id(), now),
                        String.valueOf(s.lastRun().id()));
            }
            if (s.heldVersions() > 0) {
                for (HeldVersion held : gate.waiting(s.identifier())) {
                    raise(raised, new FeedEvent(FeedEventKind.VERSION_HELD, s.identifier(), s.title(), s.condition(),
                            "version held for an operator: " + held.reason(), s.deadline(), held.runId(), now),
                            String.valueOf(held.id()));
                }
            }
            if (s.atRisk() && s.reason().startsWith(FeedStatuses.MISSED_PUSH)) {
                // a push feed whose system did not push when expected: once per expected push, named in the reason
                raise(raised, new FeedEvent(FeedEventKind.AT_RISK, s.identifier(), s.title(), s.condition(), s.reason(),
                        s.deadline(), null, now), s.reason().substring(0, s.reason().indexOf(';')));
            } else if (s.atRisk()) {
                raise(raised, new FeedEvent(FeedEventKind.AT_RISK, s.identifier(), s.title(), s.condition(),
                        "deadline " + s.deadline() + " is " + s.daysToDeadline() + " day(s) away and the data is not updated yet",
                        s.deadline(), null, now), s.deadline().toString());
            }
            if (s.overdue()) {
                raise(raised, new FeedEvent(FeedEventKind.OVERDUE, s.identifier(), s.title(), s.condition(),
                        "overdue: the update was due by " + s.deadline(), s.deadline(), null, now), s.deadline().toString());
            }
        }
        for (Delivery d : outbox.deliveries(DeliveryStatus.FAILED)) {
            raise(raised, new FeedEvent(FeedEventKind.DELIVERY_FAILED, d.identifier(), d.identifier(), null,
                    "delivery of version " + d.dataVersion() + " to " + d.target() + " given up after " + d.attempts()
                            + " attempt(s): " + d.lastError(), null, null, now),
                    d.id() + "@" + d.pendingSince());
        }
        ledger.forgetBefore(now.minus(LEDGER_KEEP));
        return raised;
    }

    private void raise(List<FeedEvent> raised, FeedEvent event, String subject) {
        if (raiseOnce(ledger, webhook, event, subject, "feed")) {
            raised.add(event);
        }
    }

    /**
     * Raises the event unless the ledger has it already (from any node): logged as {@code ALERT <kind> <what>
     * <feed>: <message>} (ERROR if critical, else WARN) and posted to the webhook. True if this call raised it.
     *
     * @param subject what makes it "once" (a run id, a deadline date…)
     * @param what    what {@code event.feed()} names: "feed", or "request" for a request's number
     */
    public static boolean raiseOnce(AlertLedger ledger, Webhook webhook, FeedEvent event, String subject, String what) {
        if (!ledger.claim(event.feed(), event.kind(), subject, event.occurredAt())) {
            return false;
        }
        if (event.kind().critical()) {
            LOG.error("ALERT {} {} {}: {}", event.kind(), what, event.feed(), event.message());
        } else {
            LOG.warn("ALERT {} {} {}: {}", event.kind(), what, event.feed(), event.message());
        }
        webhook.post(event);
        return true;
    }
}
