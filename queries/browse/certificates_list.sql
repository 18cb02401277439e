-- name: certificates_list
-- returns: certificates behind a selection, or those valid on the as-of date that expire within $months months when $expiring is true: certificate_no, body, standard, tax_code, name, sector_code, area_code, size, issued_on, expires_on, withdrawn_on, days_left, total (rows before the limit)
-- param: $standard VARCHAR standard code, NULL for any
-- param: $dimension VARCHAR breakdown the key belongs to: sector, place, size, ownership or standard
-- param: $key VARCHAR the selected breakdown code, NULL for any
-- param: $year INTEGER year of issue, NULL for any
-- param: $date_from DATE first issue day counted
-- param: $as_of DATE nothing after this day is counted
-- param: $expiring BOOLEAN true: only certificates valid on the as-of date that expire within $months months
-- param: $months INTEGER look-ahead of the expiry list
-- param: $limit INTEGER most rows returned
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH kept AS (
    SELECT * FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
),
certs AS (
    SELECT
        c.certificate_no, c.body, c.standard, c.tax_code, k.name, k.sector_code, k.area_code, k.size,
        c.issued_on, c.expires_on, c.withdrawn_on,
        (c.expires_on - $as_of)::INTEGER AS days_left,
        CASE $dimension
            WHEN 'standard' THEN c.standard
            ELSE enterprise_dimension($dimension, k.sector_code, k.area_code, k.size, k.ownership)
        END AS key
    FROM certificates AS c
    LEFT JOIN kept AS k ON k.tax_code = c.tax_code
    WHERE c.issued_on <= $as_of
      AND (no_enterprise_filter($sectors, $places, $sizes, $ownerships) OR k.tax_code IS NOT NULL)
      AND in_plan($plan, k.place_code)
)
SELECT * EXCLUDE (key), count(*) OVER () AS total
FROM certs
WHERE ($standard IS NULL OR standard = $standard)
  AND ($key IS NULL OR coalesce(key, '') = $key)
  AND ($year IS NULL OR year(issued_on) = $year)
  AND CASE WHEN $expiring
        THEN certificate_valid_on(issued_on, expires_on, withdrawn_on, $as_of)
             AND expires_on <= $as_of + to_months($months)
        ELSE issued_on >= $date_from
      END
ORDER BY CASE WHEN $expiring THEN expires_on END, issued_on DESC, certificate_no
LIMIT $limit
