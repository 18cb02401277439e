-- Rules the queries share, each defined once here (queries/ holds no copy of them; a test says so):
--   area_of                    the area a fact falls in, in the chosen geography;
--   passes_enterprise_filters  the sidebar's enterprise filters (sector, place, size, ownership);
--   certificate_valid_on       the day rule of a certificate (and of a body's accreditation).
-- filtered_enterprises (0003) is recreated on top of the first two.

-- The area of a fact in the chosen geography: its current commune when `geography` is 'current',
-- else its former district (any other value, as the queries' $geography has always been read).
CREATE OR REPLACE MACRO area_of(geography, district_code, current_code) AS
    CASE WHEN geography = 'current' THEN current_code ELSE district_code END;

-- True when an enterprise (or a fact carrying its dimensions) passes the enterprise filters: each
-- list empty (no filter) or holding the value; `area_code` is the place in the filter's geography
-- (area_of). A fact without an enterprise (NULL values) passes only when no filter is set.
CREATE OR REPLACE MACRO passes_enterprise_filters(sectors, places, sizes, ownerships,
                                                  sector_code, area_code, size, ownership) AS
    (len(sectors) = 0 OR list_contains(sectors, sector_code))
    AND (len(sizes) = 0 OR list_contains(sizes, size))
    AND (len(ownerships) = 0 OR list_contains(ownerships, ownership))
    AND (len(places) = 0 OR list_contains(places, area_code));

-- True when a certificate is valid on `on_day`: issued on or before it, expiring on or after it (valid
-- on its expiry day; no expiry date: no end), and not withdrawn on or before it (invalid from its
-- withdrawal day). A conformity-assessment body's accreditation follows the same rule with no
-- withdrawal date (NULL).
CREATE OR REPLACE MACRO certificate_valid_on(issued_on, expires_on, withdrawn_on, on_day) AS
    issued_on <= on_day
    AND coalesce(expires_on, DATE '9999-12-31') >= on_day
    AND coalesce(withdrawn_on, DATE '9999-12-31') > on_day;

-- Enterprises passing the shared filters, with their place in the chosen geography
-- ('district' = former districts, 'current' = current communes) as area_code.
CREATE OR REPLACE MACRO filtered_enterprises(sectors, places, sizes, ownerships, geography) AS TABLE
SELECT
    e.tax_code,
    e.name,
    e.sector_code,
    e.place_code,
    e.size,
    e.ownership,
    area_of(geography, g.district_code, g.current_code) AS area_code
FROM enterprises AS e
LEFT JOIN place_geography AS g ON g.code = e.place_code
WHERE passes_enterprise_filters(sectors, places, sizes, ownerships, e.sector_code,
                                area_of(geography, g.district_code, g.current_code), e.size, e.ownership);
