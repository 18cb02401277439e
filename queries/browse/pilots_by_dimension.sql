-- name: pilots_by_dimension
-- returns: enterprises with a recognised pilot model by one breakdown and phase of recognition, up to the as-of date: phase_id, key, enterprises, replicated_to (sum). Reads analytics_pilots (kept current in every write transaction; tests/oracle holds the same query over the base tables)
-- param: $plan_id VARCHAR plan whose phases group the years
-- param: $dimension VARCHAR sector, place, size or ownership
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH recognised AS (
    SELECT
        m.tax_code, m.replicated_to, p.period_id AS phase_id,
        enterprise_dimension($dimension, m.sector_code, area_of($geography, m.district_code, m.current_code),
                             m.size, m.ownership) AS key
    FROM analytics_pilots AS m
    JOIN plan_periods AS p
        ON p.plan_id = $plan_id AND p.is_phase AND m.recognised_on BETWEEN p.start_date AND p.end_date
    WHERE m.recognised_on <= $as_of
      AND passes_enterprise_filters($sectors, $places, $sizes, $ownerships, m.sector_code,
          area_of($geography, m.district_code, m.current_code), m.size, m.ownership)
      AND in_plan($plan, m.place_code)
)
SELECT
    phase_id,
    coalesce(key, '') AS key,
    count(DISTINCT tax_code)::INTEGER AS enterprises,
    sum(replicated_to)::INTEGER AS replicated_to
FROM recognised
GROUP BY phase_id, coalesce(key, '')
ORDER BY phase_id, key
