-- name: place_provinces
-- returns: every district and commune of the country with the province it belongs to (of its time): code, gso_code, name_vi, name_en, province_vi, province_en
SELECT p.code, p.gso_code, p.name_vi, p.name_en, province.name_vi AS province_vi, province.name_en AS province_en
FROM places AS p
LEFT JOIN places AS district ON district.code = p.parent_code AND district.level = 'district'
JOIN places AS province ON province.code = coalesce(district.parent_code, p.parent_code) AND province.level = 'province'
WHERE p.level IN ('district', 'commune')
ORDER BY p.code
