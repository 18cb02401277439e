-- name: build_support_firm_year
-- returns: the rows of analytics_support_firm_year: one per enterprise and calendar year with support (the records CTE of supported_per_year, deduplicated): year, tax_code, first_on (its first support day that year), and the enterprise's sector_code, district_code, current_code, size, ownership (NULL when the enterprise is unknown); then place_code: the place key the plan filter reads (plan_places)
WITH firm_year AS (
    SELECT year(supported_on)::INTEGER AS year, tax_code, min(supported_on) AS first_on
    FROM support_records
    GROUP BY ALL
)
SELECT f.year, f.tax_code, f.first_on, e.sector_code, g.district_code, g.current_code, e.size, e.ownership, e.place_code
FROM firm_year AS f
LEFT JOIN enterprises AS e USING (tax_code)
LEFT JOIN place_geography AS g ON g.code = e.place_code
