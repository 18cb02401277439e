-- name: province_names
-- returns: code, name_vi, name_en of the provinces in force whose keys are in $codes, in code order
-- param: $codes VARCHAR[] keys of provinces in force
SELECT code, name_vi, name_en
FROM places
WHERE level = 'province' AND valid_to IS NULL AND list_contains($codes, code)
ORDER BY code
