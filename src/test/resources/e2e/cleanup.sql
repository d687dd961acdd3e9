-- Values the clean-up changes, one way per record, and two records the gate rejects. Text columns only, so that
-- the source delivers exactly these characters (CHAR(n) is the character with code n).
CREATE SCHEMA cleanup;
CREATE TABLE cleanup.item (
    n      INTEGER PRIMARY KEY,
    id     VARCHAR(10),
    title  VARCHAR(100),
    memo   VARCHAR(100),
    opened VARCHAR(10)
);
INSERT INTO cleanup.item VALUES
    -- a BEL in the title is removed, the memo keeps CR LF and NEL, but loses U+0001, which XML 1.0 cannot carry
    (1, '1', 'control' || CHAR(7) || 'bell', 'line one' || CHAR(13) || CHAR(10) || 'line two' || CHAR(133) || 'NEL' || CHAR(1), '01.09.1990'),
    -- edges trimmed (a no-break space too), a lone CR in the memo is kept
    (2, '2', CHAR(160) || ' Школа № 2  ', 'a' || CHAR(13) || 'b', '01.02.2020'),
    -- CR LF becomes LF and и + COMBINING BREVE becomes й in the title
    (3, '3', 'Кии' || CHAR(774) || CHAR(13) || CHAR(10) || 'второй корпус', NULL, NULL),
    -- rejected after the key converted: the quarantine names id=4, its BEL does not count, nothing of it is published
    (4, '4', 'bell' || CHAR(7), NULL, '31.02.2020'),
    -- rejected at the key itself: no key to name
    (5, 'пять', 'Пятый', NULL, NULL);
