-- name: certificates_valid_by_dimension
-- returns: certificates valid on 31/12 of each year from $from_year (on the as-of date in its own year), by standard and one breakdown: year, standard, key, valid. Reads analytics_certificates (kept current in every write transaction; tests/oracle holds the same query over the base tables)
-- param: $dimension VARCHAR sector, place, size, ownership or standard
-- param: $from_year INTEGER first year returned
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH years AS (
    SELECT range::INTEGER AS year, least(make_date(range::INTEGER, 12, 31), $as_of) AS year_end
    FROM range($from_year, year($as_of) + 1)
),
certs AS (
    SELECT
        standard, issued_on, expires_on, withdrawn_on,
        CASE $dimension
            WHEN 'standard' THEN standard
            ELSE enterprise_dimension($dimension, sector_code, area_of($geography, district_code, current_code), size, ownership)
        END AS key
    FROM analytics_certificates
    WHERE issued_on <= $as_of
      AND passes_enterprise_filters($sectors, $places, $sizes, $ownerships, sector_code,
          area_of($geography, district_code, current_code), size, ownership)
      AND in_plan($plan, place_code)
)
SELECT
    y.year,
    c.standard,
    coalesce(c.key, '') AS key,
    count(*)::INTEGER AS valid
FROM years AS y
JOIN certs AS c
    ON certificate_valid_on(c.issued_on, c.expires_on, c.withdrawn_on, y.year_end)
GROUP BY y.year, c.standard, coalesce(c.key, '')
ORDER BY y.year, c.standard, key
