-- Date and time values that a JVM-zone conversion would shift: summer and winter, the turn of the year across
-- the date line, offsets far from Tomsk's (-05, +12, -10), Tomsk's own former offset (+06 in 2015) and a local
-- time that does not exist in New York (2024-03-10 02:30, the spring-forward gap). Every timestamptz literal
-- carries its offset: the session's zone (the JVM's, as the driver sets it) must not decide what is stored.
CREATE SCHEMA stamps;

CREATE TABLE stamps.event (
    id        INTEGER PRIMARY KEY,
    name      VARCHAR(100) NOT NULL,
    happened  TIMESTAMP WITH TIME ZONE,
    recorded  TIMESTAMP WITHOUT TIME ZONE,
    day       DATE,
    opens     TIME WITHOUT TIME ZONE,
    opens_tz  TIME WITH TIME ZONE,
    lat       NUMERIC(9, 6),
    lon       NUMERIC(9, 6)
);

INSERT INTO stamps.event VALUES
    (1, 'Лето', '2024-07-15 12:00:00.999+07', '2024-07-15 12:00:00.999', '2024-07-15', '09:00:00', '09:00:00+07', 56.488400, 84.952000),
    (2, 'Зима', '2024-01-15 09:30:00+00', '2024-01-15 16:30:00', '2024-01-15', '18:30:15', '18:30:15+03', 56.486000, 84.956000),
    (3, 'Новый год в Нью-Йорке', '2024-12-31 20:00:00-05', '2024-12-31 23:59:59', '2024-12-31', '00:00:00', '23:59:59-05', 56.470000, 84.950000),
    (4, 'Новый год в Окленде', '2025-01-01 00:30:00+12', '2025-01-01 00:00:00', '2025-01-01', '23:59:59', '00:00:00+12', NULL, NULL),
    (5, 'Пример из отчёта', '2024-03-01 10:00:00+07', '2024-03-01 10:00:00', '2024-03-01', NULL, NULL, 56.500000, 85.000000),
    (6, 'Томск в UTC+6', '2015-07-01 12:00:00+00', '2015-07-01 18:00:00', '2015-07-01', NULL, NULL, NULL, NULL),
    (7, 'Перевод часов в Нью-Йорке', '2024-03-10 07:30:00+00', '2024-03-10 02:30:00', '2024-03-10', '02:30:00', NULL, NULL, NULL),
    (8, 'Гонолулу', '2024-01-15 23:00:00-10', '2024-11-03 01:30:00', '2024-11-03', NULL, NULL, NULL, NULL),
    (9, 'Пусто', NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- happened_on: the same instant for a date field (its day in Tomsk); happened_text: for a string field
CREATE VIEW stamps.v_events AS
    SELECT id, name, happened, recorded, day, happened AS happened_on, happened AS happened_text, opens, opens_tz, lat, lon
    FROM stamps.event;
