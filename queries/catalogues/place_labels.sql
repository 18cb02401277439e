-- name: place_labels
-- returns: every district and commune with its place in both geographies: code, level, name_vi, name_en, lat, lon, district_code, current_code, valid_from, valid_to
SELECT p.code, p.level, p.name_vi, p.name_en, p.lat, p.lon, g.district_code, g.current_code,
       p.valid_from, p.valid_to
FROM places AS p
JOIN place_geography AS g USING (code)
WHERE p.level IN ('district', 'commune')
ORDER BY p.level DESC, p.code
