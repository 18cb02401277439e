-- Plan targets, loaded from data/plans/*.toml on start-up so SQL consumers
-- (and snapshots) see the same numbers the dashboard judges against.

CREATE TABLE plans (
    id         VARCHAR PRIMARY KEY,
    number     VARCHAR NOT NULL,
    issued_on  DATE,
    issuer_vi  VARCHAR,
    province_vi VARCHAR,
    title_vi   VARCHAR
);

CREATE TABLE plan_periods (
    plan_id    VARCHAR NOT NULL,
    period_id  VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date   DATE NOT NULL,
    is_phase   BOOLEAN NOT NULL,
    PRIMARY KEY (plan_id, period_id)
);

CREATE TABLE plan_targets (
    plan_id   VARCHAR NOT NULL,
    target_id VARCHAR NOT NULL,
    period_id VARCHAR NOT NULL,
    indicator VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL CHECK (kind IN ('count', 'growth', 'monitor')),
    value     DOUBLE,
    rate_min  DOUBLE,
    rate_max  DOUBLE,
    name_vi   VARCHAR NOT NULL,
    name_en   VARCHAR NOT NULL,
    unit_vi   VARCHAR,
    PRIMARY KEY (plan_id, target_id, period_id)
);
