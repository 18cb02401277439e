-- name: build_certificates
-- returns: the rows of analytics_certificates: every certificate with its dates and its holder's sector_code, district_code, current_code, size, ownership (NULL when the holder is unknown); then place_code: the place key the plan filter reads (plan_places)
SELECT c.standard, c.tax_code, c.issued_on, c.expires_on, c.withdrawn_on,
       e.sector_code, g.district_code, g.current_code, e.size, e.ownership,
       e.place_code
FROM certificates AS c
LEFT JOIN enterprises AS e USING (tax_code)
LEFT JOIN place_geography AS g ON g.code = e.place_code
