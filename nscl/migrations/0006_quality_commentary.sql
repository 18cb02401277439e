-- Data quality and staff commentary.
-- quality_dataset_months: records per dataset, month of the record's own date and place (in both
-- geographies), rebuilt with the analytics tables; the freshness notes, the gap flags and the
-- completeness heat map read this small table instead of the data tables.

CREATE TABLE quality_dataset_months (
    dataset VARCHAR, month DATE, district_code VARCHAR, current_code VARCHAR, records BIGINT
);
