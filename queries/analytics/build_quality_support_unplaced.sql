-- name: build_quality_support_unplaced
-- returns: the rows of quality_support_unplaced (read by queries/quality/support_without_sector_or_place.sql): support records whose enterprise is not in the enterprise list, or has a sector or place that the catalogues do not know (so the record falls out of every sector and place breakdown): id, tax_code, name, supported_on, solution_type, sector_code, place_code, problem (enterprise_missing, sector_missing or place_missing)
-- The problem enterprises are found first (a few, at any scale); the support records are then
-- matched to them and to the tax codes the enterprise list does not hold.
WITH unplaced AS (
    SELECT e.tax_code, e.name, e.sector_code, e.place_code,
           CASE WHEN k.code IS NULL THEN 'sector_missing' ELSE 'place_missing' END AS problem
    FROM enterprises AS e
    LEFT JOIN sectors AS k ON k.code = e.sector_code
    LEFT JOIN places AS p ON p.code = e.place_code
    WHERE k.code IS NULL OR p.code IS NULL
),
used AS (
    SELECT DISTINCT tax_code FROM support_records
),
unknown AS (
    SELECT u.tax_code, NULL AS name, NULL AS sector_code, NULL AS place_code, 'enterprise_missing' AS problem
    FROM used AS u ANTI JOIN enterprises AS e ON e.tax_code = u.tax_code
),
flagged AS (
    SELECT * FROM unplaced UNION ALL SELECT * FROM unknown
)
SELECT s.id, s.tax_code, f.name, s.supported_on, s.solution_type, f.sector_code, f.place_code, f.problem
FROM support_records AS s
JOIN flagged AS f ON f.tax_code = s.tax_code
