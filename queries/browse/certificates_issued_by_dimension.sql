-- name: certificates_issued_by_dimension
-- returns: certificates issued in the window by one breakdown, at three levels: level ('year', 'phase' or 'total'), year, phase_id, key, certificates. Reads analytics_certificates (kept current in every write transaction; tests/oracle holds the same query over the base tables)
-- param: $plan_id VARCHAR plan whose phases group the years
-- param: $dimension VARCHAR sector, place, size, ownership or standard
-- param: $standard VARCHAR only this standard, NULL for all
-- param: $date_from DATE first day counted
-- param: $date_to DATE last day counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH issued AS (
    SELECT
        issued_on,
        CASE $dimension
            WHEN 'standard' THEN standard
            ELSE enterprise_dimension($dimension, sector_code, area_of($geography, district_code, current_code), size, ownership)
        END AS key
    FROM analytics_certificates
    WHERE issued_on BETWEEN $date_from AND $date_to
      AND ($standard IS NULL OR standard = $standard)
      AND passes_enterprise_filters($sectors, $places, $sizes, $ownerships, sector_code,
          area_of($geography, district_code, current_code), size, ownership)
      AND in_plan($plan, place_code)
),
phased AS (
    SELECT i.*, year(i.issued_on)::INTEGER AS year, p.period_id AS phase_id
    FROM issued AS i
    LEFT JOIN plan_periods AS p
        ON p.plan_id = $plan_id AND p.is_phase AND i.issued_on BETWEEN p.start_date AND p.end_date
)
SELECT
    CASE WHEN grouping(year) = 0 THEN 'year' WHEN grouping(phase_id) = 0 THEN 'phase' ELSE 'total' END AS level,
    year,
    phase_id,
    coalesce(key, '') AS key,
    count(*)::INTEGER AS certificates
FROM phased
GROUP BY GROUPING SETS ((year, key), (phase_id, key), (key))
ORDER BY level, year, phase_id, key
