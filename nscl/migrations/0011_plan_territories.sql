-- Several plans in one database, each on its territory (docs/plan-file.md, `territory`).
-- plan_places holds, per plan, every place key lying in its territory (nscl/territory.py, filled by
-- nscl/db.py when the plans are synced, from the places catalogue); a row with the empty key says
-- the plan covers the whole deployment, so records without a place count for it too.
CREATE TABLE plan_places (
    plan_id    VARCHAR NOT NULL,
    place_code VARCHAR NOT NULL,
    PRIMARY KEY (plan_id, place_code)
);

ALTER TABLE plans ADD COLUMN illustrative BOOLEAN NOT NULL DEFAULT false;

-- The place key of each fact (its enterprise's, or the course's for dataset months), beside the
-- two geographies: the plan filter reads it.
ALTER TABLE analytics_support_firm_year ADD COLUMN place_code VARCHAR;
ALTER TABLE analytics_certificates ADD COLUMN place_code VARCHAR;
ALTER TABLE analytics_manager_seats ADD COLUMN place_code VARCHAR;
ALTER TABLE analytics_seats ADD COLUMN place_code VARCHAR;
ALTER TABLE analytics_support_records ADD COLUMN place_code VARCHAR;
ALTER TABLE analytics_pilots ADD COLUMN place_code VARCHAR;
ALTER TABLE quality_dataset_months ADD COLUMN place_code VARCHAR;

-- True when a record at `place` (a key, NULL for none) counts for the plan `plan` (an id; the empty
-- id: every record counts, as with no plan).
CREATE MACRO in_plan(plan, place) AS
    plan = '' OR coalesce(place, '') IN (SELECT p.place_code FROM plan_places AS p WHERE p.plan_id = plan);
