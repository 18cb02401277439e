-- name: pilots_per_year
-- returns: one row per calendar year: year, value (enterprises counted once, in the year of their first model's counted event within the period and up to the as-of date; the event is the recognition date when $event is 'recognised', the start of building when it is 'started'; the other date is not looked at)
-- param: $event VARCHAR which date counts: 'recognised' or 'started' (the plan's setting)
-- param: $period_start DATE first day counted
-- param: $period_end DATE last day of the period
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH models AS (
    SELECT tax_code, CASE WHEN $event = 'started' THEN started_on ELSE recognised_on END AS counted_on
    FROM pilot_models
),
in_period AS (
    SELECT m.tax_code, m.counted_on
    FROM models AS m
    LEFT JOIN enterprises AS e ON e.tax_code = m.tax_code
    WHERE m.counted_on BETWEEN $period_start AND least($period_end, $as_of)
      AND in_plan($plan, e.place_code)  -- the enterprise's place in the plan's territory
),
kept AS (
    -- only the enterprises that have a model: the filter never scans every enterprise
    SELECT tax_code FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
    WHERE tax_code IN (SELECT tax_code FROM in_period)
),
first_event AS (
    SELECT tax_code, min(counted_on) AS counted_on
    FROM in_period
    WHERE no_enterprise_filter($sectors, $places, $sizes, $ownerships)
       OR tax_code IN (SELECT tax_code FROM kept)
    GROUP BY tax_code
)
SELECT
    year(counted_on)::INTEGER AS year,
    count(*)::INTEGER AS value
FROM first_event
GROUP BY year(counted_on)
ORDER BY year
