-- name: participants_by_dimension
-- returns: course participation by one breakdown, at three levels: level ('year', 'phase' or 'total'), year, phase_id, key, person_times, managers (leader and manager person-times in in-depth courses); a course counts in the year it ended. Reads analytics_seats (kept current in every write transaction; tests/oracle holds the same query over the base tables); with enterprise filters set, only seats of matching enterprises
-- param: $plan_id VARCHAR plan whose phases group the years
-- param: $dimension VARCHAR kind, role, sector, place, size or ownership
-- param: $date_from DATE first course end day counted
-- param: $date_to DATE last course end day counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH seats AS (
    SELECT
        end_date, seats,
        CASE $dimension
            WHEN 'kind' THEN kind
            WHEN 'role' THEN role
            ELSE enterprise_dimension($dimension, sector_code, area_of($geography, district_code, current_code), size, ownership)
        END AS key,
        kind = 'in_depth' AND role IN ('leader', 'manager') AS manager
    FROM analytics_seats
    WHERE end_date BETWEEN $date_from AND $date_to
      AND passes_enterprise_filters($sectors, $places, $sizes, $ownerships, sector_code,
          area_of($geography, district_code, current_code), size, ownership)
      AND in_plan($plan, place_code)
),
phased AS (
    SELECT s.*, year(s.end_date)::INTEGER AS year, pp.period_id AS phase_id
    FROM seats AS s
    LEFT JOIN plan_periods AS pp
        ON pp.plan_id = $plan_id AND pp.is_phase AND s.end_date BETWEEN pp.start_date AND pp.end_date
)
SELECT
    CASE WHEN grouping(year) = 0 THEN 'year' WHEN grouping(phase_id) = 0 THEN 'phase' ELSE 'total' END AS level,
    year,
    phase_id,
    coalesce(key, '') AS key,
    sum(seats)::INTEGER AS person_times,
    coalesce(sum(seats) FILTER (WHERE manager), 0)::INTEGER AS managers
FROM phased
GROUP BY GROUPING SETS ((year, key), (phase_id, key), (key))
ORDER BY level, year, phase_id, key
