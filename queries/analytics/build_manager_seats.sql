-- name: build_manager_seats
-- returns: the rows of analytics_manager_seats: one per leader or manager seat of an enterprise (tax code given) in an in-depth course (the manager_seats CTE of managers_per_year): end_date, tax_code and the enterprise's sector_code, district_code, current_code, size, ownership; then place_code: the place key the plan filter reads (plan_places)
SELECT c.end_date, p.tax_code, e.sector_code, g.district_code, g.current_code, e.size, e.ownership, e.place_code
FROM participants AS p
JOIN courses AS c ON c.id = p.course_id
LEFT JOIN enterprises AS e ON e.tax_code = p.tax_code
LEFT JOIN place_geography AS g ON g.code = e.place_code
WHERE c.kind = 'in_depth' AND p.role IN ('leader', 'manager')
  AND p.tax_code IS NOT NULL  -- the plan counts managers "of enterprises": a seat with no enterprise is not one
