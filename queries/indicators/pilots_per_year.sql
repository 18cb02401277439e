-- name: pilots_per_year
-- returns: one row per calendar year: year, value (enterprises whose first pilot model started and was recognised within the period, counted in the year of recognition, up to the as-of date)
-- param: $period_start DATE first day counted
-- param: $period_end DATE last day of the period
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
WITH models AS (
    SELECT tax_code, recognised_on
    FROM pilot_models
    WHERE started_on >= $period_start
      AND recognised_on BETWEEN $period_start AND least($period_end, $as_of)
),
kept AS (
    -- only the enterprises that have a model: the filter never scans every enterprise
    SELECT tax_code FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
    WHERE tax_code IN (SELECT tax_code FROM models)
),
recognised AS (
    SELECT tax_code, min(recognised_on) AS recognised_on
    FROM models
    WHERE no_enterprise_filter($sectors, $places, $sizes, $ownerships)
       OR tax_code IN (SELECT tax_code FROM kept)
    GROUP BY tax_code
)
SELECT
    year(recognised_on)::INTEGER AS year,
    count(*)::INTEGER AS value
FROM recognised
GROUP BY year(recognised_on)
ORDER BY year
