-- name: build_quality_duplicate_names
-- returns: the rows of quality_duplicate_names (read by queries/quality/duplicate_enterprise_names.sql): enterprises whose name, compared without case and extra spaces, is held by two or more tax codes (one enterprise recorded twice, or a typing error in a tax code): name_key, tax_code, name, sector_code, place_code, tax_codes (how many tax codes share the name)
WITH keyed AS (
    SELECT tax_code, name, sector_code, place_code, lower(trim(regexp_replace(name, '\s+', ' ', 'g'))) AS name_key
    FROM enterprises
),
shared AS (
    SELECT name_key, count(*) AS tax_codes
    FROM keyed
    GROUP BY name_key
    HAVING count(*) >= 2
)
SELECT k.name_key, k.tax_code, k.name, k.sector_code, k.place_code, s.tax_codes
FROM keyed AS k
JOIN shared AS s USING (name_key)
