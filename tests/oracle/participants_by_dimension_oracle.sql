-- name: participants_by_dimension_oracle
-- description: the test oracle of queries/browse/participants_by_dimension.sql: the same rows computed from the base tables, without the analytics tables
-- returns: course participation by one breakdown, at three levels: level ('year', 'phase' or 'total'), year, phase_id, key, person_times, managers (leader and manager person-times in in-depth courses); a course counts in the year it ended
-- param: $plan_id VARCHAR plan whose phases group the years
-- param: $dimension VARCHAR kind, role, sector, place, size or ownership
-- param: $date_from DATE first course end day counted
-- param: $date_to DATE last course end day counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose enterprise's place lies in its territory (plan_places; empty: every record)
WITH kept AS (
    SELECT * FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
),
seats AS (
    SELECT
        p.person_id, p.role, c.id AS course_id, c.kind, c.end_date,
        CASE $dimension
            WHEN 'kind' THEN c.kind
            WHEN 'role' THEN p.role
            ELSE enterprise_dimension($dimension, k.sector_code, k.area_code, k.size, k.ownership)
        END AS key
    FROM participants AS p
    JOIN courses AS c ON c.id = p.course_id
    LEFT JOIN kept AS k ON k.tax_code = p.tax_code
    WHERE c.end_date BETWEEN $date_from AND $date_to
      AND (no_enterprise_filter($sectors, $places, $sizes, $ownerships) OR k.tax_code IS NOT NULL)
      AND in_plan($plan, k.place_code)
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
    count(*)::INTEGER AS person_times,
    count(*) FILTER (WHERE kind = 'in_depth' AND role IN ('leader', 'manager'))::INTEGER AS managers
FROM phased
GROUP BY GROUPING SETS ((year, key), (phase_id, key), (key))
ORDER BY level, year, phase_id, key
