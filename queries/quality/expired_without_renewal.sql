-- name: expired_without_renewal
-- returns: certificates that expired before the as-of date, were not withdrawn, and have no later certificate of the same enterprise and standard recorded (a renewal not entered, or a firm that let it lapse): certificate_no, body, tax_code, name, standard, issued_on, expires_on; latest expiry first
-- param: $as_of DATE the day a certificate must have expired by
SELECT c.certificate_no, c.body, c.tax_code, e.name, c.standard, c.issued_on, c.expires_on
FROM certificates AS c
LEFT JOIN enterprises AS e ON e.tax_code = c.tax_code
WHERE c.expires_on < $as_of
  AND c.withdrawn_on IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM certificates AS r
      WHERE r.tax_code = c.tax_code AND r.standard = c.standard AND r.issued_on > c.issued_on
  )
ORDER BY c.expires_on DESC, c.tax_code, c.certificate_no
