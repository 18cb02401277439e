-- name: build_quality_support_unplaced
-- returns: the rows of quality_support_unplaced (read by queries/quality/support_without_sector_or_place.sql): support records whose enterprise is not in the enterprise list, or has a sector or place that the catalogues do not know (so the record falls out of every sector and place breakdown): id, tax_code, name, supported_on, solution_type, sector_code, place_code, problem (enterprise_missing, sector_missing or place_missing)
SELECT
    s.id, s.tax_code, e.name, s.supported_on, s.solution_type, e.sector_code, e.place_code,
    CASE
        WHEN e.tax_code IS NULL THEN 'enterprise_missing'
        WHEN k.code IS NULL THEN 'sector_missing'
        ELSE 'place_missing'
    END AS problem
FROM support_records AS s
LEFT JOIN enterprises AS e ON e.tax_code = s.tax_code
LEFT JOIN sectors AS k ON k.code = e.sector_code
LEFT JOIN places AS p ON p.code = e.place_code
WHERE e.tax_code IS NULL OR k.code IS NULL OR p.code IS NULL
