-- name: managers_per_year_oracle
-- description: the test oracle of queries/indicators/managers_per_year.sql: the same rows computed from the base tables, without the analytics tables
-- returns: one row per calendar year: year, value (person-times of leaders and managers in in-depth courses that ended that year, within the period and up to the as-of date; one person in two courses counts twice; only seats of an enterprise (with a tax code) count; with enterprise filters set, only participants of matching enterprises)
-- param: $period_start DATE first day counted
-- param: $period_end DATE last day of the period
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose enterprise's place lies in its territory (plan_places; empty: every record)
WITH in_depth_courses AS (
    SELECT id, end_date
    FROM courses
    WHERE kind = 'in_depth'
      AND end_date BETWEEN $period_start AND least($period_end, $as_of)
),
kept AS (
    SELECT tax_code FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
),
manager_seats AS (
    SELECT c.end_date
    FROM participants AS p
    JOIN in_depth_courses AS c ON c.id = p.course_id
    WHERE p.role IN ('leader', 'manager')
      AND p.tax_code IS NOT NULL  -- the plan counts managers "of enterprises"
      AND (no_enterprise_filter($sectors, $places, $sizes, $ownerships)
           OR p.tax_code IN (SELECT tax_code FROM kept))
      AND in_plan($plan, (SELECT e.place_code FROM enterprises AS e WHERE e.tax_code = p.tax_code))
)
SELECT
    year(end_date)::INTEGER AS year,
    count(*)::INTEGER AS value
FROM manager_seats
GROUP BY year(end_date)
ORDER BY year
