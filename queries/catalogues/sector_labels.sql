-- name: sector_labels
-- returns: every VSIC section: code, name_vi, name_en
SELECT code, name_vi, name_en FROM sectors ORDER BY code
