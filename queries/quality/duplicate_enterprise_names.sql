-- name: duplicate_enterprise_names
-- returns: enterprises that are likely one enterprise under two or more tax codes (the same name once case, diacritics, punctuation, spacing and the legal form are set aside, in the same former district; see build_quality_duplicate_names), same name together, at most $limit rows: name_key, tax_code, name, sector_code, place_code, tax_codes (how many tax codes share the name), total (rows before the limit)
-- param: $limit INTEGER most rows returned
SELECT *, count(*) OVER () AS total
FROM quality_duplicate_names
ORDER BY tax_codes DESC, name_key, tax_code
LIMIT $limit
