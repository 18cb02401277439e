-- name: experts_per_year
-- returns: one row per calendar year with certifications: year, value (experts certified that year, within the period and up to the as-of date)
-- param: $period_start DATE first day counted
-- param: $period_end DATE last day of the period
-- param: $as_of DATE nothing after this day is counted
WITH certified AS (
    SELECT certified_on
    FROM experts
    WHERE certified_on BETWEEN $period_start AND least($period_end, $as_of)
)
SELECT
    year(certified_on)::INTEGER AS year,
    count(*)::INTEGER AS value
FROM certified
GROUP BY year(certified_on)
ORDER BY year
