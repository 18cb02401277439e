-- name: build_support_records
-- returns: the rows of analytics_support_records: every support record's supported_on, solution_type, detail, funding_source, funding_vnd, its enterprise's sector_code, district_code, current_code, size, ownership (NULL when unknown), and for the enterprise at all, per solution type and per detail: *_first (the record is the enterprise's first of that kind in its calendar year) and *_prev_year (on a first record: the enterprise's previous year with such a record, NULL if none); then place_code: the place key the plan filter reads (plan_places)
WITH records AS (
    -- The year of the enterprise's record before this one (all, same solution type, same detail):
    -- another year marks the first record of a year, and that year is the previous one with a record.
    SELECT r.*, year(r.supported_on)::INTEGER AS year,
           lag(year(r.supported_on)::INTEGER) OVER (PARTITION BY r.tax_code ORDER BY r.supported_on, r.id)
               AS firm_before,
           lag(year(r.supported_on)::INTEGER) OVER (PARTITION BY r.tax_code, r.solution_type
                                                    ORDER BY r.supported_on, r.id) AS solution_before,
           lag(year(r.supported_on)::INTEGER) OVER (PARTITION BY r.tax_code, r.detail
                                                    ORDER BY r.supported_on, r.id) AS detail_before
    FROM support_records AS r
)
SELECT r.supported_on, r.solution_type, r.detail, r.funding_source, r.funding_vnd,
       e.sector_code, g.district_code, g.current_code, e.size, e.ownership,
       r.firm_before IS DISTINCT FROM r.year AS firm_first,
       CASE WHEN r.firm_before IS DISTINCT FROM r.year THEN r.firm_before END AS firm_prev_year,
       r.solution_before IS DISTINCT FROM r.year AS solution_first,
       CASE WHEN r.solution_before IS DISTINCT FROM r.year THEN r.solution_before END AS solution_prev_year,
       r.detail_before IS DISTINCT FROM r.year AS detail_first,
       CASE WHEN r.detail_before IS DISTINCT FROM r.year THEN r.detail_before END AS detail_prev_year,
       e.place_code
FROM records AS r
LEFT JOIN enterprises AS e ON e.tax_code = r.tax_code
LEFT JOIN place_geography AS g ON g.code = e.place_code
