-- name: build_quality_roles_without_enterprise
-- returns: the rows of quality_roles_without_enterprise (read by queries/quality/roles_without_enterprise.sql): participants recorded in an enterprise role (leader, manager, staff) with no tax code or a tax code not in the enterprise list (they cannot count as enterprise managers): course_id, title, end_date, person_id, person_name, role, tax_code, problem (no_tax_code or enterprise_missing)
SELECT
    p.course_id, k.title, k.end_date, p.person_id, p.person_name, p.role, p.tax_code,
    CASE WHEN p.tax_code IS NULL OR trim(p.tax_code) = '' THEN 'no_tax_code' ELSE 'enterprise_missing' END AS problem
FROM participants AS p
LEFT JOIN courses AS k ON k.id = p.course_id
LEFT JOIN enterprises AS e ON e.tax_code = p.tax_code
WHERE p.role IN ('leader', 'manager', 'staff') AND e.tax_code IS NULL
