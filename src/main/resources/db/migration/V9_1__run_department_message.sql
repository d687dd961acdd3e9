-- What the department reads about a run that failed or could not start: plain Russian first, then «Подробности: »
-- and the technical detail. The message column keeps the detail alone, in English, for logs, alerts and statuses.
ALTER TABLE feed_run ADD COLUMN department_message VARCHAR(4000);
