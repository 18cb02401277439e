-- name: build_pilots
-- returns: the rows of analytics_pilots: every pilot model's tax_code, recognised_on, replicated_to and its enterprise's sector_code, district_code, current_code, size, ownership (NULL when unknown); then place_code: the place key the plan filter reads (plan_places)
SELECT m.tax_code, m.recognised_on, m.replicated_to, e.sector_code, g.district_code, g.current_code, e.size, e.ownership, e.place_code
FROM pilot_models AS m
LEFT JOIN enterprises AS e ON e.tax_code = m.tax_code
LEFT JOIN place_geography AS g ON g.code = e.place_code
