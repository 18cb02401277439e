-- name: supported_per_year_oracle
-- description: the test oracle of queries/indicators/supported_per_year.sql: the same rows computed from the base tables, without the analytics tables
-- returns: one row per calendar year from $from_year to the as-of year: year, value (distinct enterprises supported in the year, up to the as-of date), value_ytd (distinct enterprises supported from 1/1 to the same day and month as the as-of date)
-- param: $from_year INTEGER first year returned
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose enterprise's place lies in its territory (plan_places; empty: every record)
WITH years AS (
    SELECT range::INTEGER AS year
    FROM range($from_year, year($as_of) + 1)
),
kept AS (
    SELECT tax_code FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
),
records AS (
    SELECT tax_code, supported_on
    FROM support_records
    WHERE supported_on BETWEEN make_date($from_year, 1, 1) AND $as_of
      AND (no_enterprise_filter($sectors, $places, $sizes, $ownerships)
           OR tax_code IN (SELECT tax_code FROM kept))
      AND in_plan($plan, (SELECT e.place_code FROM enterprises AS e WHERE e.tax_code = support_records.tax_code))
),
per_year AS (
    SELECT
        year(supported_on)::INTEGER AS year,
        count(DISTINCT tax_code) AS value,
        count(DISTINCT tax_code) FILTER (
            WHERE month(supported_on) * 100 + day(supported_on) <= month($as_of) * 100 + day($as_of)
        ) AS value_ytd
    FROM records
    GROUP BY year(supported_on)
)
SELECT
    y.year,
    coalesce(p.value, 0)::INTEGER AS value,
    coalesce(p.value_ytd, 0)::INTEGER AS value_ytd
FROM years AS y
LEFT JOIN per_year AS p USING (year)
ORDER BY y.year
