-- name: support_without_sector_or_place
-- returns: support records whose enterprise is not in the enterprise list, or has a sector or place that the catalogues do not know (so the record falls out of every sector and place breakdown), latest first, at most $limit rows: id, tax_code, name, supported_on, solution_type, sector_code, place_code, problem (enterprise_missing, sector_missing or place_missing), total (rows before the limit)
-- param: $limit INTEGER most rows returned
SELECT *, count(*) OVER () AS total
FROM quality_support_unplaced
ORDER BY supported_on DESC, id
LIMIT $limit
