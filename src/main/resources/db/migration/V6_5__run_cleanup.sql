-- What the text clean-up (control characters, line breaks, edges, NFC) changed in each run: per field and kind,
-- how many published values. Only kinds that changed something have a row. Portable SQL: H2 and PostgreSQL.

CREATE TABLE feed_run_cleanup (
    run_id          BIGINT       NOT NULL REFERENCES feed_run (id),
    field           VARCHAR(100) NOT NULL,
    -- the field's place in the structure, so that the run record lists fields as the dataset does
    field_position  INTEGER      NOT NULL,
    kind            VARCHAR(30)  NOT NULL,
    values_changed  BIGINT       NOT NULL,
    PRIMARY KEY (run_id, field, kind)
);
