-- name: managers_per_year
-- returns: (reads analytics_manager_seats, kept current in every write transaction; tests/oracle holds the same query over the base tables) one row per calendar year: year, value (person-times of leaders and managers in in-depth courses that ended that year, within the period and up to the as-of date; one person in two courses counts twice; only seats of an enterprise (with a tax code) count; with enterprise filters set, only participants of matching enterprises)
-- param: $period_start DATE first day counted
-- param: $period_end DATE last day of the period
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH manager_seats AS (
    SELECT end_date
    FROM analytics_manager_seats
    WHERE end_date BETWEEN $period_start AND least($period_end, $as_of)
      AND passes_enterprise_filters($sectors, $places, $sizes, $ownerships, sector_code,
          area_of($geography, district_code, current_code), size, ownership)
      AND in_plan($plan, place_code)
)
SELECT
    year(end_date)::INTEGER AS year,
    count(*)::INTEGER AS value
FROM manager_seats
GROUP BY year(end_date)
ORDER BY year
