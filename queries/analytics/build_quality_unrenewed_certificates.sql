-- name: build_quality_unrenewed_certificates
-- returns: the rows of quality_unrenewed_certificates (read by queries/quality/expired_without_renewal.sql): certificates with an expiry date, not withdrawn, with no later certificate of the same enterprise and standard recorded (a renewal not entered, or a firm that let it lapse): certificate_no, body, tax_code, standard, issued_on, expires_on (the enterprise's name is joined when the page reads its rows)
-- "No later certificate" is "issued on the latest day of its enterprise and standard" (a window,
-- not a range join of every certificate with every other).
WITH ranked AS (
    SELECT c.*, max(c.issued_on) OVER (PARTITION BY c.tax_code, c.standard) AS latest
    FROM certificates AS c
)
SELECT c.certificate_no, c.body, c.tax_code, c.standard, c.issued_on, c.expires_on
FROM ranked AS c
WHERE c.expires_on IS NOT NULL
  AND c.withdrawn_on IS NULL
  AND c.issued_on = c.latest
