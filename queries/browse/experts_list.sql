-- name: experts_list
-- returns: experts certified in the window, newest first: certificate_no, person_name, organisation, certified_on, level
-- param: $date_from DATE first day counted
-- param: $date_to DATE last day counted
-- param: $plan VARCHAR a plan id: an expert counts when the place where they work lies in the plan's territory, one without a place only for a plan covering the whole deployment (plan_places; empty: every record)
SELECT certificate_no, person_name, organisation, certified_on, level
FROM experts
WHERE certified_on BETWEEN $date_from AND $date_to
  AND in_plan($plan, place_code)
ORDER BY certified_on DESC, certificate_no
