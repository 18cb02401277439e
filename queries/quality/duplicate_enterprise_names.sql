-- name: duplicate_enterprise_names
-- returns: enterprises whose name, compared without case and extra spaces, is held by two or more tax codes (one enterprise recorded twice, or a typing error in a tax code), same name together, at most $limit rows: name_key, tax_code, name, sector_code, place_code, tax_codes (how many tax codes share the name), total (rows before the limit)
-- param: $limit INTEGER most rows returned
SELECT *, count(*) OVER () AS total
FROM quality_duplicate_names
ORDER BY tax_codes DESC, name_key, tax_code
LIMIT $limit
