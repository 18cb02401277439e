-- name: supported_per_year
-- returns: one row per calendar year from $from_year to the as-of year: year, value (distinct enterprises supported in the year, up to the as-of date), value_ytd (distinct enterprises supported from 1/1 to the same day and month as the as-of date). Reads analytics_support_firm_year (kept current in every write transaction; tests/oracle holds the same query over the base tables): an enterprise counts in a year up to the as-of date when its first support that year is on or before it
-- param: $from_year INTEGER first year returned
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH years AS (
    SELECT range::INTEGER AS year
    FROM range($from_year, year($as_of) + 1)
),
firms AS (
    SELECT year, first_on
    FROM analytics_support_firm_year
    WHERE year BETWEEN $from_year AND year($as_of)
      AND first_on <= $as_of
      AND passes_enterprise_filters($sectors, $places, $sizes, $ownerships, sector_code,
          area_of($geography, district_code, current_code), size, ownership)
      AND in_plan($plan, place_code)
),
per_year AS (
    SELECT
        year,
        count(*) AS value,
        count(*) FILTER (
            WHERE month(first_on) * 100 + day(first_on) <= month($as_of) * 100 + day($as_of)
        ) AS value_ytd
    FROM firms
    GROUP BY year
)
SELECT
    y.year,
    coalesce(p.value, 0)::INTEGER AS value,
    coalesce(p.value_ytd, 0)::INTEGER AS value_ytd
FROM years AS y
LEFT JOIN per_year AS p USING (year)
ORDER BY y.year
