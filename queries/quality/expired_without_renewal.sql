-- name: expired_without_renewal
-- returns: certificates that expired before the as-of date, were not withdrawn, and have no later certificate of the same enterprise and standard recorded (a renewal not entered, or a firm that let it lapse), latest expiry first, at most $limit rows: certificate_no, body, tax_code, name, standard, issued_on, expires_on, total (rows before the limit)
-- param: $as_of DATE the day a certificate must have expired by
-- param: $limit INTEGER most rows returned
WITH listed AS (
    SELECT *, count(*) OVER () AS total
    FROM quality_unrenewed_certificates
    WHERE expires_on < $as_of
    ORDER BY expires_on DESC, tax_code, certificate_no
    LIMIT $limit
)
SELECT l.certificate_no, l.body, l.tax_code, e.name, l.standard, l.issued_on, l.expires_on, l.total
FROM listed AS l
LEFT JOIN enterprises AS e ON e.tax_code = l.tax_code
ORDER BY l.expires_on DESC, l.tax_code, l.certificate_no
