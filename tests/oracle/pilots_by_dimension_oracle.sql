-- name: pilots_by_dimension_oracle
-- description: the test oracle of queries/browse/pilots_by_dimension.sql: the same rows computed from the base tables, without the analytics tables
-- returns: enterprises with a recognised pilot model by one breakdown and phase of recognition, up to the as-of date: phase_id, key, enterprises, replicated_to (sum)
-- param: $plan_id VARCHAR plan whose phases group the years
-- param: $dimension VARCHAR sector, place, size or ownership
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose enterprise's place lies in its territory (plan_places; empty: every record)
WITH kept AS (
    SELECT * FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
),
recognised AS (
    SELECT
        m.tax_code, m.replicated_to, p.period_id AS phase_id,
        enterprise_dimension($dimension, k.sector_code, k.area_code, k.size, k.ownership) AS key
    FROM pilot_models AS m
    LEFT JOIN kept AS k ON k.tax_code = m.tax_code
    JOIN plan_periods AS p
        ON p.plan_id = $plan_id AND p.is_phase AND m.recognised_on BETWEEN p.start_date AND p.end_date
    WHERE m.recognised_on <= $as_of
      AND (no_enterprise_filter($sectors, $places, $sizes, $ownerships) OR k.tax_code IS NOT NULL)
      AND in_plan($plan, k.place_code)
)
SELECT
    phase_id,
    coalesce(key, '') AS key,
    count(DISTINCT tax_code)::INTEGER AS enterprises,
    sum(replicated_to)::INTEGER AS replicated_to
FROM recognised
GROUP BY phase_id, coalesce(key, '')
ORDER BY phase_id, key
