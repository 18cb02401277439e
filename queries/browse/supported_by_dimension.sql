-- name: supported_by_dimension
-- returns: enterprises supported by one breakdown, at three levels: level ('year', 'phase' or 'total'; phases only, no row for days outside every phase), year, phase_id, key (the breakdown's code), enterprises (distinct; NULL for funding_source, which shows funding only), records, funding_vnd. Reads analytics_support_records (kept current in every write transaction; tests/oracle holds the same query over the base tables): an enterprise counts once in a period starting on 1 January of year Y at its first record of a year in the period whose previous such year is before Y (periods start on 1 January: phases are whole calendar years)
-- param: $plan_id VARCHAR plan whose phases group the years
-- param: $dimension VARCHAR sector, place, size, ownership, solution_type, detail or funding_source
-- param: $date_from DATE first day counted (a 1 January)
-- param: $date_to DATE last day counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH records AS (
    SELECT
        supported_on,
        year(supported_on)::INTEGER AS year,
        funding_vnd,
        CASE $dimension
            WHEN 'solution_type' THEN solution_type
            WHEN 'detail' THEN detail
            WHEN 'funding_source' THEN funding_source
            ELSE enterprise_dimension($dimension, sector_code, area_of($geography, district_code, current_code), size, ownership)
        END AS key,
        CASE $dimension
            WHEN 'solution_type' THEN solution_first
            WHEN 'detail' THEN detail_first
            WHEN 'funding_source' THEN NULL
            ELSE firm_first
        END AS first,
        CASE $dimension
            WHEN 'solution_type' THEN solution_prev_year
            WHEN 'detail' THEN detail_prev_year
            ELSE firm_prev_year
        END AS prev_year
    FROM analytics_support_records
    WHERE supported_on BETWEEN $date_from AND $date_to
      AND passes_enterprise_filters($sectors, $places, $sizes, $ownerships, sector_code,
          area_of($geography, district_code, current_code), size, ownership)
      AND in_plan($plan, place_code)
),
per_year AS (
    SELECT 'year' AS level, year, NULL::VARCHAR AS phase_id, key,
           count(*) FILTER (WHERE first) AS enterprises, count(*) AS records, sum(funding_vnd) AS funding_vnd
    FROM records
    GROUP BY year, key
),
per_phase AS (
    SELECT 'phase' AS level, NULL::INTEGER AS year, p.period_id AS phase_id, r.key,
           count(*) FILTER (WHERE r.first AND (r.prev_year IS NULL
                                                OR r.prev_year < year(greatest($date_from, p.start_date)))) AS enterprises,
           count(*) AS records, sum(r.funding_vnd) AS funding_vnd
    FROM records AS r
    JOIN plan_periods AS p
        ON p.plan_id = $plan_id AND p.is_phase AND r.supported_on BETWEEN p.start_date AND p.end_date
    GROUP BY p.period_id, r.key
),
total AS (
    SELECT 'total' AS level, NULL::INTEGER AS year, NULL::VARCHAR AS phase_id, key,
           count(*) FILTER (WHERE first AND (prev_year IS NULL OR prev_year < year($date_from))) AS enterprises,
           count(*) AS records, sum(funding_vnd) AS funding_vnd
    FROM records
    GROUP BY key
)
SELECT
    level, year, phase_id,
    coalesce(key, '') AS key,
    CASE WHEN $dimension = 'funding_source' THEN NULL ELSE enterprises END::INTEGER AS enterprises,
    records::INTEGER AS records,
    coalesce(funding_vnd, 0)::BIGINT AS funding_vnd
FROM (SELECT * FROM per_year UNION ALL SELECT * FROM per_phase UNION ALL SELECT * FROM total)
ORDER BY level, year, phase_id, key
