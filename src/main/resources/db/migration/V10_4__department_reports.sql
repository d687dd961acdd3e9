-- The departments' reports mailed to their contacts (issue #14, «Рекомендации ведомству»): one row per department
-- and period, so that each period's report goes out once however many nodes share the database (the primary key
-- makes "send it" an INSERT only one node wins), and the console shows when each was sent. A manual send from the
-- console is a row too, its period "manual:<instant>".
-- Portable SQL: the same script runs on H2 and PostgreSQL.
CREATE TABLE department_report_mail (
    department_inn  VARCHAR(12)   NOT NULL,
    -- the schedule's fire time that opened the period, ISO-8601 in the region's zone; or manual:<instant>
    period          VARCHAR(60)   NOT NULL,
    claimed_by      VARCHAR(200)  NOT NULL,
    claimed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    recipient       VARCHAR(254),
    -- CLAIMED while it is being sent, then SENT, FAILED (error says why) or EMPTY (nothing to report, not sent)
    state           VARCHAR(16)   NOT NULL,
    findings        INTEGER       DEFAULT 0 NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    error           VARCHAR(1000),
    PRIMARY KEY (department_inn, period)
);

CREATE INDEX department_report_mail_at ON department_report_mail (department_inn, claimed_at);
