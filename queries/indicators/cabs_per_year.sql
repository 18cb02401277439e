-- name: cabs_per_year
-- returns: one row per calendar year from $from_year to the as-of year: year, value (conformity-assessment bodies holding a valid accreditation on 31/12, or on the as-of date in its own year)
-- param: $from_year INTEGER first year returned
-- param: $as_of DATE nothing after this day is counted
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH years AS (
    SELECT range::INTEGER AS year, least(make_date(range::INTEGER, 12, 31), $as_of) AS year_end
    FROM range($from_year, year($as_of) + 1)
),
accredited AS (
    SELECT DISTINCT id, accredited_on, accreditation_expires_on
    FROM cabs
    WHERE in_plan($plan, place_code)
)
SELECT
    y.year,
    count(a.id)::INTEGER AS value
FROM years AS y
LEFT JOIN accredited AS a
    ON certificate_valid_on(a.accredited_on, a.accreditation_expires_on, NULL, y.year_end)  -- a body has no withdrawal date
GROUP BY y.year
ORDER BY y.year
