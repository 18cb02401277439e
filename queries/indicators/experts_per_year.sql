-- name: experts_per_year
-- returns: one row per calendar year with new experts: year, value (people whose first expert certification falls in that year, within the period and up to the as-of date; a renewal or re-certification never counts a person again)
-- param: $period_start DATE first day counted
-- param: $period_end DATE last day of the period
-- param: $as_of DATE nothing after this day is counted
-- param: $plan VARCHAR a plan id: an expert counts when the place where they work lies in the plan's territory, one without a place only for a plan covering the whole deployment (plan_places; empty: every record)
WITH first_certified AS (
    -- one row per person: the plan counts experts trained and certified, not certificates
    SELECT person_id, min(certified_on) AS certified_on
    FROM experts
    WHERE certified_on <= $as_of
      AND in_plan($plan, place_code)
    GROUP BY person_id
)
SELECT
    year(certified_on)::INTEGER AS year,
    count(*)::INTEGER AS value
FROM first_certified
WHERE certified_on BETWEEN $period_start AND least($period_end, $as_of)
GROUP BY year(certified_on)
ORDER BY year
