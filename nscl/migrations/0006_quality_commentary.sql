-- Data quality and staff commentary.
-- quality_dataset_months: records per dataset, month of the record's own date and place (in both
-- geographies), rebuilt with the analytics tables; the freshness notes, the gap flags and the
-- completeness heat map read this small table instead of the data tables.

CREATE TABLE quality_dataset_months (
    dataset VARCHAR, month DATE, district_code VARCHAR, current_code VARCHAR, records BIGINT
);

-- Staff commentary on a target for one period, in three parts. Every version is kept; the one
-- shown for an as-of date is the latest version written for that date or an earlier one.
CREATE SEQUENCE comment_id_seq START 1;

CREATE TABLE target_comments (
    id         INTEGER PRIMARY KEY DEFAULT nextval('comment_id_seq'),
    plan_id    VARCHAR NOT NULL,
    target_id  VARCHAR NOT NULL,
    period_id  VARCHAR NOT NULL,
    as_of      DATE NOT NULL,
    part       VARCHAR NOT NULL CHECK (part IN ('results', 'causes', 'solutions')),
    body       VARCHAR NOT NULL,
    author     VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    version    INTEGER NOT NULL,
    UNIQUE (plan_id, target_id, period_id, part, version)
);

-- Likely problems of the data-quality page, one table each, rebuilt with the analytics tables
-- (so the page reads small tables at any scale); the as-of date is applied when they are read.
CREATE TABLE quality_duplicate_names (
    name_key VARCHAR, tax_code VARCHAR, name VARCHAR, sector_code VARCHAR, place_code VARCHAR, tax_codes BIGINT
);

CREATE TABLE quality_unrenewed_certificates (
    certificate_no VARCHAR, body VARCHAR, tax_code VARCHAR, standard VARCHAR, issued_on DATE, expires_on DATE
);

CREATE TABLE quality_empty_courses (
    id VARCHAR, kind VARCHAR, title VARCHAR, organiser VARCHAR, start_date DATE, end_date DATE, place_code VARCHAR
);

CREATE TABLE quality_support_unplaced (
    id VARCHAR, tax_code VARCHAR, name VARCHAR, supported_on DATE, solution_type VARCHAR, sector_code VARCHAR,
    place_code VARCHAR, problem VARCHAR
);

CREATE TABLE quality_roles_without_enterprise (
    course_id VARCHAR, title VARCHAR, end_date DATE, person_id VARCHAR, person_name VARCHAR, role VARCHAR,
    tax_code VARCHAR, problem VARCHAR
);
