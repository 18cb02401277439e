-- name: certificates_valid_by_dimension_oracle
-- description: the test oracle of queries/browse/certificates_valid_by_dimension.sql: the same rows computed from the base tables, without the analytics tables
-- returns: certificates valid on 31/12 of each year from $from_year (on the as-of date in its own year), by standard and one breakdown: year, standard, key, valid
-- param: $dimension VARCHAR sector, place, size, ownership or standard
-- param: $from_year INTEGER first year returned
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose enterprise's place lies in its territory (plan_places; empty: every record)
WITH years AS (
    SELECT range::INTEGER AS year, least(make_date(range::INTEGER, 12, 31), $as_of) AS year_end
    FROM range($from_year, year($as_of) + 1)
),
kept AS (
    SELECT * FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
),
certs AS (
    SELECT
        c.standard, c.issued_on,
        coalesce(c.expires_on, DATE '9999-12-31') AS expires_on,
        coalesce(c.withdrawn_on, DATE '9999-12-31') AS withdrawn_on,
        CASE $dimension
            WHEN 'standard' THEN c.standard
            ELSE enterprise_dimension($dimension, k.sector_code, k.area_code, k.size, k.ownership)
        END AS key
    FROM certificates AS c
    LEFT JOIN kept AS k ON k.tax_code = c.tax_code
    WHERE c.issued_on <= $as_of
      AND (no_enterprise_filter($sectors, $places, $sizes, $ownerships) OR k.tax_code IS NOT NULL)
      AND in_plan($plan, k.place_code)
)
SELECT
    y.year,
    c.standard,
    coalesce(c.key, '') AS key,
    count(*)::INTEGER AS valid
FROM years AS y
JOIN certs AS c
    ON c.issued_on <= y.year_end AND c.expires_on >= y.year_end AND c.withdrawn_on > y.year_end
GROUP BY y.year, c.standard, coalesce(c.key, '')
ORDER BY y.year, c.standard, key
