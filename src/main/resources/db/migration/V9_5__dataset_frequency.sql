-- The frequency a dataset's feed states, for the registry of the public section («ежеквартально»). The published
-- passport (MR 3.0 meta.csv) has no such field, so it is kept beside the passport text. Rows published before
-- this version stay NULL until their next run, which rewrites the passport text anyway.
-- Portable SQL: the same script runs on H2 and PostgreSQL.
ALTER TABLE dataset ADD COLUMN frequency VARCHAR(20);
