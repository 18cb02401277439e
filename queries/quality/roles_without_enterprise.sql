-- name: roles_without_enterprise
-- returns: participants recorded in an enterprise role (leader, manager, staff) with no tax code or a tax code not in the enterprise list (they cannot count as enterprise managers), latest course first, at most $limit rows: course_id, title, end_date, person_id, person_name, role, tax_code, problem (no_tax_code or enterprise_missing), total (rows before the limit)
-- param: $limit INTEGER most rows returned
SELECT *, count(*) OVER () AS total
FROM quality_roles_without_enterprise
ORDER BY end_date DESC NULLS LAST, course_id, person_id
LIMIT $limit
