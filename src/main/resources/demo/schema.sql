-- Demo stand-in for the Governor's Situation Centre database (embedded H2, default mode).
-- Schema "sc" holds the base tables as the Situation Centre keeps them,
-- schema "opendata" holds the integration views that opendata-bridge reads.
-- All content is fictitious and intended for demonstration only.

CREATE SCHEMA IF NOT EXISTS sc;

CREATE SCHEMA IF NOT EXISTS opendata;

-- ---------------------------------------------------------------------------
-- Reference data
-- ---------------------------------------------------------------------------

-- Municipal formations of Tomsk region
CREATE TABLE IF NOT EXISTS sc.municipality (
    municipality_id INTEGER      NOT NULL PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    oktmo           VARCHAR(11)  NOT NULL,
    CONSTRAINT uq_municipality_name UNIQUE (name)
);

-- Types of medical organisations
CREATE TABLE IF NOT EXISTS sc.medical_org_type (
    org_type_id  INTEGER      NOT NULL PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    is_inpatient BOOLEAN      NOT NULL DEFAULT FALSE,
    CONSTRAINT uq_medical_org_type_name UNIQUE (name)
);

-- ---------------------------------------------------------------------------
-- Base tables
-- ---------------------------------------------------------------------------

-- General education schools
CREATE TABLE IF NOT EXISTS sc.school (
    school_id       INTEGER       NOT NULL PRIMARY KEY,
    full_name       VARCHAR(500)  NOT NULL,
    short_name      VARCHAR(200)  NOT NULL,
    municipality_id INTEGER       NOT NULL,
    postal_address  VARCHAR(500)  NOT NULL,
    phone           VARCHAR(50),
    email           VARCHAR(200),
    director_name   VARCHAR(200),
    student_count   INTEGER,
    founded_on      DATE,
    latitude        DECIMAL(9,6),
    longitude       DECIMAL(9,6),
    inn             VARCHAR(10),
    is_public       BOOLEAN       NOT NULL DEFAULT TRUE,
    deleted         BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP     NOT NULL DEFAULT LOCALTIMESTAMP,
    CONSTRAINT fk_school_municipality FOREIGN KEY (municipality_id) REFERENCES sc.municipality (municipality_id),
    CONSTRAINT ck_school_latitude CHECK (latitude IS NULL OR latitude BETWEEN 55.6 AND 61.1),
    CONSTRAINT ck_school_longitude CHECK (longitude IS NULL OR longitude BETWEEN 75.0 AND 89.3),
    CONSTRAINT ck_school_students CHECK (student_count IS NULL OR student_count >= 0)
);

-- Medical organisations
CREATE TABLE IF NOT EXISTS sc.medical_organisation (
    med_org_id     INTEGER       NOT NULL PRIMARY KEY,
    full_name      VARCHAR(500)  NOT NULL,
    org_type_id    INTEGER       NOT NULL,
    municipality_id INTEGER      NOT NULL,
    postal_address VARCHAR(500)  NOT NULL,
    phone          VARCHAR(50),
    chief_physician VARCHAR(200),
    license_no     VARCHAR(50),
    bed_count      INTEGER,
    schedule_text  VARCHAR(1000),
    is_public      BOOLEAN       NOT NULL DEFAULT TRUE,
    deleted        BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP     NOT NULL DEFAULT LOCALTIMESTAMP,
    CONSTRAINT fk_med_org_type FOREIGN KEY (org_type_id) REFERENCES sc.medical_org_type (org_type_id),
    CONSTRAINT fk_med_org_municipality FOREIGN KEY (municipality_id) REFERENCES sc.municipality (municipality_id),
    CONSTRAINT ck_med_org_beds CHECK (bed_count IS NULL OR bed_count >= 0)
);

-- Lines of the regional budget execution report
CREATE TABLE IF NOT EXISTS sc.budget_line (
    budget_line_id  INTEGER        NOT NULL PRIMARY KEY,
    fiscal_year     INTEGER        NOT NULL,
    kbk             VARCHAR(20)    NOT NULL,
    line_name       VARCHAR(1000)  NOT NULL,
    approved_amount DECIMAL(18,2)  NOT NULL,
    executed_amount DECIMAL(18,2)  NOT NULL DEFAULT 0,
    updated_at      TIMESTAMP      NOT NULL,
    source_system   VARCHAR(50)    NOT NULL DEFAULT 'АЦК-Финансы',
    is_public       BOOLEAN        NOT NULL DEFAULT TRUE,
    deleted         BOOLEAN        NOT NULL DEFAULT FALSE,
    CONSTRAINT uq_budget_line UNIQUE (fiscal_year, kbk),
    CONSTRAINT ck_budget_kbk CHECK (REGEXP_LIKE(kbk, '^[0-9]{20}$')),
    CONSTRAINT ck_budget_year CHECK (fiscal_year BETWEEN 2000 AND 2100)
);

-- ---------------------------------------------------------------------------
-- Integration views (contract with opendata-bridge: names, order and types)
-- ---------------------------------------------------------------------------

-- Schools with known coordinates
CREATE OR REPLACE VIEW opendata.v_schools AS
SELECT s.school_id      AS id,
       s.full_name      AS name,
       s.short_name     AS short_name,
       m.name           AS municipality,
       s.postal_address AS address,
       s.phone          AS phone,
       s.email          AS email,
       s.director_name  AS director,
       s.student_count  AS students,
       s.founded_on     AS founded,
       s.latitude       AS lat,
       s.longitude      AS lon
  FROM sc.school s
  JOIN sc.municipality m ON m.municipality_id = s.municipality_id
 WHERE s.is_public
   AND NOT s.deleted
   AND s.latitude IS NOT NULL
   AND s.longitude IS NOT NULL;

-- Medical organisations
CREATE OR REPLACE VIEW opendata.v_medical_organisations AS
SELECT o.med_org_id      AS id,
       o.full_name       AS name,
       t.name            AS org_type,
       o.postal_address  AS address,
       o.phone           AS phone,
       o.chief_physician AS head_physician,
       o.license_no      AS license_number,
       o.bed_count       AS beds,
       o.schedule_text   AS working_hours
  FROM sc.medical_organisation o
  JOIN sc.medical_org_type t ON t.org_type_id = o.org_type_id
 WHERE o.is_public
   AND NOT o.deleted;

-- Regional budget execution
CREATE OR REPLACE VIEW opendata.v_budget_lines AS
SELECT b.budget_line_id  AS id,
       b.fiscal_year     AS fiscal_year,
       b.kbk             AS kbk,
       b.line_name       AS name,
       b.approved_amount AS approved,
       b.executed_amount AS executed,
       b.updated_at      AS updated_at
  FROM sc.budget_line b
 WHERE b.is_public
   AND NOT b.deleted;
