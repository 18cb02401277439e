-- name: build_seats
-- returns: the rows of analytics_seats: course seats counted per end_date, kind, role and the seat's enterprise sector_code, district_code, current_code, size, ownership (NULL when the seat names no known enterprise): seats; then place_code: the place key the plan filter reads (plan_places)
SELECT c.end_date, c.kind, p.role, e.sector_code, g.district_code, g.current_code, e.size, e.ownership,
       count(*)::INTEGER AS seats, e.place_code
FROM participants AS p
JOIN courses AS c ON c.id = p.course_id
LEFT JOIN enterprises AS e ON e.tax_code = p.tax_code
LEFT JOIN place_geography AS g ON g.code = e.place_code
GROUP BY ALL
