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
