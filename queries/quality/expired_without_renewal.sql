-- name: expired_without_renewal
-- returns: certificates that expired before the as-of date, were not withdrawn, and have no later certificate of the same enterprise and standard recorded (a renewal not entered, or a firm that let it lapse), latest expiry first, at most $limit rows: certificate_no, body, tax_code, name, standard, issued_on, expires_on, total (rows before the limit)
-- param: $as_of DATE the day a certificate must have expired by
-- param: $limit INTEGER most rows returned
SELECT *, count(*) OVER () AS total
FROM quality_unrenewed_certificates
WHERE expires_on < $as_of
ORDER BY expires_on DESC, tax_code, certificate_no
LIMIT $limit
