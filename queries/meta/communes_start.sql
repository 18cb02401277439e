-- name: communes_start
-- returns: one row, day: the first day of the current communes in the places catalogue (former districts before it), NULL without communes
SELECT min(valid_from) AS day FROM places WHERE level = 'commune'
