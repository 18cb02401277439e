-- Analytics tables (in the spirit of DHIS2's): the indicator facts at the grain the overview
-- needs, with the filter dimensions copied in, so pages scan small tables without joins.
-- Rebuilt by nscl/analytics.py in the same transaction as every load, commit and undo.

CREATE TABLE analytics_support_firm_year (
    year INTEGER, tax_code VARCHAR, first_on DATE,
    sector_code VARCHAR, district_code VARCHAR, current_code VARCHAR, size VARCHAR, ownership VARCHAR
);

CREATE TABLE analytics_certificates (
    standard VARCHAR, tax_code VARCHAR, issued_on DATE, expires_on DATE, withdrawn_on DATE,
    sector_code VARCHAR, district_code VARCHAR, current_code VARCHAR, size VARCHAR, ownership VARCHAR
);

CREATE TABLE analytics_manager_seats (
    end_date DATE, tax_code VARCHAR,
    sector_code VARCHAR, district_code VARCHAR, current_code VARCHAR, size VARCHAR, ownership VARCHAR
);
