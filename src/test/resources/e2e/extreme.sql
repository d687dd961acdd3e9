-- PostgreSQL: values at the edges of each type, as a source view delivers them
CREATE SCHEMA extreme;
CREATE TABLE extreme.measurement (
    id integer PRIMARY KEY,
    measure double precision,
    amount numeric,
    count numeric,
    day date,
    reading double precision
);
INSERT INTO extreme.measurement VALUES
    (1, 1e300, 123456789012345678.901234, 9223372036854775807, DATE '0001-01-01', 56.484645),
    (2, -1e-300, 0.000000000000000000000001, -9223372036854775808, DATE '9999-12-31', NULL),
    (3, 4.9e-324, -999999999999999999999999, 999999999999999999999999, DATE '2024-02-29', NULL),
    (4, 1.7976931348623157e308, NULL, -123456789012345678901234, NULL, -0.25),
    (5, 0.1, 1e300, NULL, NULL, NULL),
    (6, 2, NULL, 1000000000000000000000000, NULL, NULL),
    (7, 3, NULL, NULL, NULL, 1e300);
