-- name: supported_by_dimension_oracle
-- description: the test oracle of queries/browse/supported_by_dimension.sql: the same rows computed from the base tables, without the analytics tables
-- returns: enterprises supported by one breakdown, at three levels: level ('year', 'phase' or 'total'), year, phase_id, key (the breakdown's code), enterprises (distinct), records, funding_vnd
-- param: $plan_id VARCHAR plan whose phases group the years
-- param: $dimension VARCHAR sector, place, size, ownership, solution_type, detail or funding_source
-- param: $date_from DATE first day counted
-- param: $date_to DATE last day counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose enterprise's place lies in its territory (plan_places; empty: every record)
WITH kept AS (
    SELECT * FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
),
records AS (
    SELECT
        r.tax_code,
        r.supported_on,
        r.funding_vnd,
        CASE $dimension
            WHEN 'solution_type' THEN r.solution_type
            WHEN 'detail' THEN r.detail
            WHEN 'funding_source' THEN r.funding_source
            ELSE enterprise_dimension($dimension, k.sector_code, k.area_code, k.size, k.ownership)
        END AS key
    FROM support_records AS r
    LEFT JOIN kept AS k ON k.tax_code = r.tax_code
    WHERE r.supported_on BETWEEN $date_from AND $date_to
      AND (no_enterprise_filter($sectors, $places, $sizes, $ownerships) OR k.tax_code IS NOT NULL)
      AND in_plan($plan, k.place_code)
),
phased AS (
    SELECT rec.*, year(rec.supported_on)::INTEGER AS year, p.period_id AS phase_id
    FROM records AS rec
    LEFT JOIN plan_periods AS p
        ON p.plan_id = $plan_id AND p.is_phase AND rec.supported_on BETWEEN p.start_date AND p.end_date
)
SELECT
    CASE WHEN grouping(year) = 0 THEN 'year' WHEN grouping(phase_id) = 0 THEN 'phase' ELSE 'total' END AS level,
    year,
    phase_id,
    coalesce(key, '') AS key,
    count(DISTINCT tax_code)::INTEGER AS enterprises,
    count(*)::INTEGER AS records,
    coalesce(sum(funding_vnd), 0)::BIGINT AS funding_vnd
FROM phased
GROUP BY GROUPING SETS ((year, key), (phase_id, key), (key))
ORDER BY level, year, phase_id, key
