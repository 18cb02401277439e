-- name: supported_records
-- returns: the support records behind a chart selection, newest first: supported_on, tax_code, name, sector_code, area_code, size, ownership, solution_type, detail, funding_vnd, funding_source, total (rows matching before the limit)
-- param: $dimension VARCHAR breakdown the key belongs to (see supported_by_dimension)
-- param: $key VARCHAR the selected breakdown code, NULL for any
-- param: $year INTEGER the selected year, NULL for any
-- param: $date_from DATE first day counted
-- param: $date_to DATE last day counted
-- param: $limit INTEGER most rows returned
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH kept AS (
    SELECT * FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
),
records AS (
    SELECT
        r.supported_on, r.tax_code, k.name, k.sector_code, k.area_code, k.size, k.ownership,
        r.solution_type, r.detail, r.funding_vnd, r.funding_source,
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
)
SELECT * EXCLUDE (key), count(*) OVER () AS total
FROM records
WHERE ($key IS NULL OR coalesce(key, '') = $key)
  AND ($year IS NULL OR year(supported_on) = $year)
ORDER BY supported_on DESC, tax_code
LIMIT $limit
