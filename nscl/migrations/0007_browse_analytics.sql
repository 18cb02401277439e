-- Analytics tables of the browse pages' breakdowns: the facts at the grain the breakdowns show,
-- with the filter dimensions copied in, so a breakdown is a filtered sum over one table without
-- joins or distinct counts. Rebuilt by nscl/analytics.py in the same transaction as every
-- load, commit and undo, like the indicator tables of 0005.

-- Course seats counted per course end day, kind, role and the enterprise's dimensions
-- (NULL when the seat names no known enterprise): 46 end days hold 5 million seats at
-- national size in about 300,000 rows.
CREATE TABLE analytics_seats (
    end_date DATE, kind VARCHAR, role VARCHAR,
    sector_code VARCHAR, district_code VARCHAR, current_code VARCHAR, size VARCHAR, ownership VARCHAR,
    seats INTEGER
);

-- One row per support record with its enterprise's dimensions. A distinct count of
-- enterprises becomes a count: *_first marks the first record of an enterprise in a calendar
-- year (per solution type, per detail, or at all) and *_prev_year the previous year in which
-- that enterprise had such a record, so the enterprises of a period starting on 1 January of
-- year Y are the first records in the period whose previous year is before Y.
CREATE TABLE analytics_support_records (
    supported_on DATE, solution_type VARCHAR, detail VARCHAR, funding_source VARCHAR, funding_vnd BIGINT,
    sector_code VARCHAR, district_code VARCHAR, current_code VARCHAR, size VARCHAR, ownership VARCHAR,
    firm_first BOOLEAN, firm_prev_year INTEGER,
    solution_first BOOLEAN, solution_prev_year INTEGER,
    detail_first BOOLEAN, detail_prev_year INTEGER
);

-- Pilot models with their enterprise's dimensions.
CREATE TABLE analytics_pilots (
    tax_code VARCHAR, recognised_on DATE, replicated_to INTEGER,
    sector_code VARCHAR, district_code VARCHAR, current_code VARCHAR, size VARCHAR, ownership VARCHAR
);
