-- name: pilot_models_list
-- returns: pilot models started by the as-of date, with their enterprise: id, tax_code, name, sector_code, area_code, solution, started_on, recognised_on (NULL when not yet, or after the as-of date), replicated_to, phase_id (phase of recognition)
-- param: $plan_id VARCHAR plan whose phases group the years
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH kept AS (
    SELECT * FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
)
SELECT
    m.id, m.tax_code, k.name, k.sector_code, k.area_code, m.solution, m.started_on,
    CASE WHEN m.recognised_on <= $as_of THEN m.recognised_on END AS recognised_on,
    m.replicated_to,
    p.period_id AS phase_id
FROM pilot_models AS m
LEFT JOIN kept AS k ON k.tax_code = m.tax_code
LEFT JOIN plan_periods AS p
    ON p.plan_id = $plan_id AND p.is_phase AND m.recognised_on <= $as_of
   AND m.recognised_on BETWEEN p.start_date AND p.end_date
WHERE m.started_on <= $as_of
  AND (no_enterprise_filter($sectors, $places, $sizes, $ownerships) OR k.tax_code IS NOT NULL)
  AND in_plan($plan, k.place_code)
ORDER BY m.recognised_on NULLS LAST, m.started_on, m.id
