-- Places of culture: three clean records to start with; the test adds dirty ones.
CREATE SCHEMA places;
CREATE TABLE places.place (
    id       INTEGER,
    name     VARCHAR(200),
    kind     VARCHAR(50),
    phone    VARCHAR(50),
    visitors VARCHAR(20),
    lat      DECIMAL(9, 6),
    lon      DECIMAL(9, 6)
);
INSERT INTO places.place VALUES
    (1, 'Музей истории Томска', 'музей', '+7 3822 000001', '1200', 56.488400, 84.952000),
    (10, 'Дом учёных', 'музей', '+7 3822 000010', '15', 56.486000, 84.956000),
    (11, 'Сквер у Лагерного сада', 'парк', '+7 3822 000011', NULL, NULL, NULL);
CREATE VIEW places.v_places AS SELECT id, name, kind, phone, visitors, lat, lon FROM places.place;
