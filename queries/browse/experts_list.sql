-- name: experts_list
-- returns: experts certified in the window, newest first: certificate_no, person_name, organisation, certified_on, level
-- param: $date_from DATE first day counted
-- param: $date_to DATE last day counted
SELECT certificate_no, person_name, organisation, certified_on, level
FROM experts
WHERE certified_on BETWEEN $date_from AND $date_to
ORDER BY certified_on DESC, certificate_no
