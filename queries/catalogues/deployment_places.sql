-- name: deployment_places
-- returns: the districts and communes of the deployment's territory (the communes of the provinces in force $provinces; the districts and communes of the former provinces linked to them): code, gso_code, name_vi, name_en, level, valid_from, valid_to, district_code (the former district: its own, its district's or its seat's)
-- param: $provinces VARCHAR[] keys of the provinces in force the deployment covers (Settings.provinces)
WITH provinces_now AS (
    SELECT code FROM places WHERE level = 'province' AND valid_to IS NULL AND list_contains($provinces, code)
),
provinces_before AS (
    SELECT l.old_code AS code
    FROM place_links AS l
    JOIN places AS p ON p.code = l.old_code AND p.level = 'province'
    WHERE l.new_code IN (SELECT code FROM provinces_now)
),
districts AS (
    SELECT code FROM places WHERE level = 'district' AND parent_code IN (SELECT code FROM provinces_before)
)
SELECT p.code, p.gso_code, p.name_vi, p.name_en, p.level, p.valid_from, p.valid_to, g.district_code
FROM places AS p
JOIN place_geography AS g USING (code)
WHERE (p.level = 'commune' AND p.valid_to IS NULL AND p.parent_code IN (SELECT code FROM provinces_now))
   OR p.code IN (SELECT code FROM districts)
   OR (p.level = 'commune' AND p.valid_to IS NOT NULL AND p.parent_code IN (SELECT code FROM districts))
ORDER BY p.level DESC, p.code
