-- name: cabs_by_standard_year
-- returns: conformity-assessment bodies holding a valid accreditation on 31/12 of each year from $from_year (on the as-of date in its own year), by accreditation standard: year, standard, bodies
-- param: $from_year INTEGER first year returned
-- param: $as_of DATE nothing after this day is counted
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH years AS (
    SELECT range::INTEGER AS year, least(make_date(range::INTEGER, 12, 31), $as_of) AS year_end
    FROM range($from_year, year($as_of) + 1)
),
standards AS (
    SELECT DISTINCT accreditation_standard AS standard FROM cabs WHERE in_plan($plan, place_code)
)
SELECT
    y.year,
    s.standard,
    count(c.id)::INTEGER AS bodies
FROM years AS y
CROSS JOIN standards AS s
LEFT JOIN cabs AS c
    ON c.accreditation_standard = s.standard
   AND certificate_valid_on(c.accredited_on, c.accreditation_expires_on, NULL, y.year_end)  -- a body has no withdrawal date
   AND in_plan($plan, c.place_code)
GROUP BY y.year, s.standard
ORDER BY y.year, s.standard
