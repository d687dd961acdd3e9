-- Alerts already raised, so each one is logged and posted once: a run failure once per run, a held version
-- once per held version, at-risk and overdue once per deadline, a given-up delivery once per round of attempts.
-- The primary key makes "raise it" an INSERT that only one node of a cluster wins.
-- Portable SQL: the same script runs on H2 and PostgreSQL.

CREATE TABLE alert_ledger (
    feed_id    VARCHAR(200) NOT NULL,
    kind       VARCHAR(40)  NOT NULL,
    -- what the event is about: a run id, a held version id, a deadline date, a delivery id and round
    subject    VARCHAR(200) NOT NULL,
    raised_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (feed_id, kind, subject)
);

CREATE INDEX alert_ledger_raised_at ON alert_ledger (raised_at);
