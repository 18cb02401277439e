-- name: experts_list
-- returns: experts certified in the window, newest first: certificate_no, person_name, organisation, certified_on, level
-- param: $date_from DATE first day counted
-- param: $date_to DATE last day counted
-- param: $plan VARCHAR a plan id: experts have no place, so they count only for a plan covering the whole deployment (plan_places; empty: every record)
SELECT certificate_no, person_name, organisation, certified_on, level
FROM experts
WHERE certified_on BETWEEN $date_from AND $date_to
  AND in_plan($plan, NULL)
ORDER BY certified_on DESC, certificate_no
