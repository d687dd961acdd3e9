-- A small source with everything CSV gets wrong: Cyrillic, quotes, commas, line breaks, nulls,
-- padded text, dates, timestamps, decimals and booleans. Portable: runs on H2 and PostgreSQL.
CREATE SCHEMA fixture;

CREATE TABLE fixture.organisation (
    id        INTEGER PRIMARY KEY,
    name      VARCHAR(200) NOT NULL,
    note      VARCHAR(500),
    amount    DECIMAL(12, 2),
    opened    DATE,
    updated   TIMESTAMP,
    active    BOOLEAN,
    category  VARCHAR(50)
);

INSERT INTO fixture.organisation VALUES
    (1, 'Школа № 1', 'Адрес: г. Томск, ул. Ленина, д. 1', 1234.50, DATE '1990-09-01', TIMESTAMP '2026-03-01 10:15:00', TRUE, 'школа'),
    (2, 'МАОУ "Гимназия № 2"', 'Строка один
Строка два', 0.00, NULL, TIMESTAMP '2026-03-02 08:00:00', FALSE, 'гимназия'),
    (3, '  Лицей «Эврика»  ', NULL, -17.25, DATE '2001-02-28', NULL, NULL, NULL),
    (4, 'Детский сад, корпус 2', 'кавычки "внутри", запятые', 1000000.00, DATE '2015-06-15', TIMESTAMP '2026-03-03 23:59:59', TRUE, 'сад');

CREATE VIEW fixture.v_organisations AS
    SELECT id, name, note, amount, opened, updated, active, category FROM fixture.organisation;
